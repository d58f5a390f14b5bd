package dev.kiln.session.ssh;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * A private key as an ssh agent holds it: its public key blob (how the agent protocol names it),
 * the JDK key that signs, and a comment.
 *
 * @param type the key type: {@code ssh-rsa}, {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256|384|521}
 */
public record SshKey(String type, byte[] publicBlob, PrivateKey privateKey, String comment) {
  static final int RSA_SHA2_256 = 2;
  static final int RSA_SHA2_512 = 4;

  /** The signature blob ({@code string algorithm, string signature}) answering a sign request with these flags. */
  byte[] sign(byte[] data, int flags) throws GeneralSecurityException, IOException {
    return switch (type) {
      case "ssh-rsa" -> {
        // draft-miller-ssh-agent §4.5.1: the flags choose the hash; none means the legacy SHA-1
        String algorithm = (flags & RSA_SHA2_512) != 0 ? "rsa-sha2-512" : (flags & RSA_SHA2_256) != 0 ? "rsa-sha2-256" : "ssh-rsa";
        String jca = switch (algorithm) {
          case "rsa-sha2-512" -> "SHA512withRSA";
          case "rsa-sha2-256" -> "SHA256withRSA";
          default -> "SHA1withRSA";
        };
        yield new SshWire.Writer().text(algorithm).string(jdkSign(jca, data)).bytes();
      }
      case "ssh-ed25519" -> new SshWire.Writer().text(type).string(jdkSign("Ed25519", data)).bytes();
      case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
        // RFC 5656 §3.1.2: the hash follows the curve size; the blob is mpint r, mpint s
        String hash = switch (type) {
          case "ecdsa-sha2-nistp256" -> "SHA256";
          case "ecdsa-sha2-nistp384" -> "SHA384";
          default -> "SHA512";
        };
        byte[] rs = jdkSign(hash + "withECDSAinP1363Format", data);
        int half = rs.length / 2;
        byte[] blob = new SshWire.Writer().mpint(new BigInteger(1, java.util.Arrays.copyOfRange(rs, 0, half)))
            .mpint(new BigInteger(1, java.util.Arrays.copyOfRange(rs, half, rs.length))).bytes();
        yield new SshWire.Writer().text(type).string(blob).bytes();
      }
      default -> throw new GeneralSecurityException("unsupported key type " + type);
    };
  }

  private byte[] jdkSign(String algorithm, byte[] data) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(algorithm);
    signature.initSign(privateKey);
    signature.update(data);
    return signature.sign();
  }
}
