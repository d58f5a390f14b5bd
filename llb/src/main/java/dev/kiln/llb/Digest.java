package dev.kiln.llb;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A content digest in OCI form, {@code sha256:<64 lowercase hex>}. */
public record Digest(String value) implements Comparable<Digest> {
  private static final String PREFIX = "sha256:";

  public Digest {
    if (!isSha256(value)) throw new IllegalArgumentException("not a sha256 digest: " + value);
  }

  /** {@code sha256:} and 64 lowercase hex digits; checked by hand (several per op per solve). */
  private static boolean isSha256(String value) {
    if (value == null || value.length() != PREFIX.length() + 64 || !value.startsWith(PREFIX)) return false;
    for (int i = PREFIX.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
    }
    return true;
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
    return value.substring(PREFIX.length());
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
