package dev.kiln.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:e3b0…}. The registry module keeps its own small value so
 * it depends on no other Kiln module; the engine converts at its boundary.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");
  private static final Pattern HEX = Pattern.compile("[a-zA-Z0-9=_-]+");

  public Digest {
    if (!ALGORITHM.matcher(algorithm).matches() || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("invalid digest \"" + algorithm + ":" + hex + "\"");
    }
    if (algorithm.equals("sha256") && !hex.matches("[a-f0-9]{64}")) {
      throw new IllegalArgumentException(
          "invalid digest \"sha256:" + hex + "\": expected 64 lowercase hex digits");
    }
  }

  /** Parses {@code algorithm:hex}; throws {@link IllegalArgumentException} naming the input. */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("invalid digest \"" + text + "\": expected algorithm:hex");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  public static Digest sha256(byte[] data) {
    return new Digest("sha256", HexFormat.of().formatHex(sha256Hasher().digest(data)));
  }

  /** A fresh hasher for this digest's algorithm (sha256 and sha512 are supported). */
  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(
          switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            case "sha384" -> "SHA-384";
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
          });
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The digest of a finished hasher, in this digest's algorithm. */
  public Digest withHash(byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  static MessageDigest sha256Hasher() {
    return new Digest("sha256", "0".repeat(64)).newHasher();
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
