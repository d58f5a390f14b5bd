package dev.kiln.engine.source.http;

import dev.kiln.llb.Digest;
import java.net.URI;
import java.util.Map;

/**
 * The attrs of an http(s) source, parsed once; a bad value names its key. {@code perm} is -1 when
 * unset (the file gets BuildKit's default 0600).
 */
record HttpAttrs(URI url, Digest checksum, String filename, int perm, int uid, int gid) {
  static final int DEFAULT_PERM = 0600;

  static HttpAttrs of(String identifier, Map<String, String> attrs) {
    URI url;
    try {
      url = URI.create(identifier);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid URL \"" + identifier + "\": " + e.getMessage(), e);
    }
    Digest checksum = null;
    String sum = attrs.getOrDefault("http.checksum", "");
    if (!sum.isEmpty()) {
      if (!sum.startsWith("sha256:")) {
        throw new IllegalArgumentException("unsupported http.checksum \"" + sum + "\": only sha256:<hex> digests are supported");
      }
      try {
        checksum = Digest.parse(sum);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid http.checksum \"" + sum + "\": " + e.getMessage(), e);
      }
    }
    String filename = attrs.getOrDefault("http.filename", "");
    if (!filename.isEmpty()) FileNames.requireSingleName(filename, "http.filename");
    return new HttpAttrs(url, checksum, filename, perm(attrs.get("http.perm")),
        id(attrs.get("http.uid"), "http.uid"), id(attrs.get("http.gid"), "http.gid"));
  }

  int permOrDefault() {
    return perm < 0 ? DEFAULT_PERM : perm;
  }

  /** Octal with a leading 0 ("0644"), or decimal, or 0x hex: Go's ParseInt with base 0. */
  private static int perm(String v) {
    if (v == null || v.isEmpty()) return -1;
    try {
      int p;
      if (v.startsWith("0x") || v.startsWith("0X")) p = Integer.parseInt(v.substring(2), 16);
      else if (v.startsWith("0o") || v.startsWith("0O")) p = Integer.parseInt(v.substring(2), 8);
      else if (v.length() > 1 && v.startsWith("0")) p = Integer.parseInt(v.substring(1), 8);
      else p = Integer.parseInt(v);
      if (p < 0 || p > 07777) throw new NumberFormatException();
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid http.perm \"" + v + "\": expected permission bits such as 0644");
    }
  }

  private static int id(String v, String key) {
    if (v == null || v.isEmpty()) return 0;
    try {
      return Integer.parseUnsignedInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid " + key + " \"" + v + "\": expected a non-negative integer");
    }
  }
}
