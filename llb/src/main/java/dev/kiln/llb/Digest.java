package dev.kiln.llb;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest in OCI form, {@code sha256:<64 lowercase hex>}. */
public record Digest(String value) implements Comparable<Digest> {
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  public Digest {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + value);
    }
  }

  public static Digest parse(String value) {
    return new Digest(value);
  }

  /** The digest of {@code bytes}; for an op these are its marshalled bytes, never a re-encoding. */
  public static Digest of(byte[] bytes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return new Digest("sha256:" + HexFormat.of().formatHex(sha.digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  public String hex() {
    return value.substring("sha256:".length());
  }

  @Override
  public int compareTo(Digest o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
