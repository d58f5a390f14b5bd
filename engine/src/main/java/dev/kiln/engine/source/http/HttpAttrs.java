package dev.kiln.engine.source.http;

import dev.kiln.llb.Digest;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attrs of an http(s) source, parsed once; a bad value names its key. {@code perm} is -1 when
 * unset (the file gets BuildKit's default 0600). {@code headers} are the request headers from
 * {@code http.header.<name>} attrs, by canonical name; as in BuildKit only {@code Accept} and
 * {@code User-Agent} are honoured, others are ignored.
 */
record HttpAttrs(URI url, Digest checksum, String filename, int perm, int uid, int gid, SortedMap<String, String> headers) {
  static final int DEFAULT_PERM = 0600;
  private static final String HEADER_PREFIX = "http.header.";
  private static final Set<String> USER_HEADERS = Set.of("Accept", "User-Agent");

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
        id(attrs.get("http.uid"), "http.uid"), id(attrs.get("http.gid"), "http.gid"), headers(attrs));
  }

  /**
   * What a download is remembered under (its validators): the URL, plus the headers when there
   * are any, since another {@code Accept} may get another representation of the same URL.
   */
  String downloadKey() {
    if (headers.isEmpty()) return url.toString();
    StringBuilder sb = new StringBuilder(url.toString());
    headers.forEach((k, v) -> sb.append('\n').append(k).append(": ").append(v));
    return sb.toString();
  }

  private static SortedMap<String, String> headers(Map<String, String> attrs) {
    SortedMap<String, String> headers = new TreeMap<>();
    attrs.forEach((k, v) -> {
      if (!k.startsWith(HEADER_PREFIX)) return;
      String name = canonical(k.substring(HEADER_PREFIX.length()));
      if (USER_HEADERS.contains(name)) headers.put(name, v);
    });
    return Collections.unmodifiableSortedMap(headers);
  }

  /** Go's {@code http.CanonicalHeaderKey}: "user-agent" is "User-Agent". */
  private static String canonical(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return sb.toString();
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
