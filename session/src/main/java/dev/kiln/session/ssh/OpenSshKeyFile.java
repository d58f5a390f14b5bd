package dev.kiln.session.ssh;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Private keys in OpenSSH's own format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}, what
 * {@code ssh-keygen} writes): rsa, ed25519 and ecdsa keys, turned into JDK keys; RSA keys in PEM
 * go to {@link PemKeyFile}. Layout from
 * OpenSSH's PROTOCOL.key: magic, cipher, kdf, kdf options, the public keys, then a private section
 * (two equal check words, per key its type, fields and comment, padding).
 */
final class OpenSshKeyFile {
  private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String END = "-----END OPENSSH PRIVATE KEY-----";
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

  private OpenSshKeyFile() {}

  /** The keys in {@code file}; every failure names the file and what to do about it. */
  static List<SshKey> load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    if (text.contains("ENCRYPTED")) throw encrypted(file); // PEM: Proc-Type: 4,ENCRYPTED or ENCRYPTED PRIVATE KEY
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    boolean pem = PemKeyFile.isPem(text);
    if (!pem && (begin < 0 || end < begin)) {
      throw new IOException(file + ": not a private key in OpenSSH or RSA PEM format (other PEM keys can be"
          + " rewritten in OpenSSH format with ssh-keygen -p -f " + file + ")");
    }
    try {
      if (pem) return PemKeyFile.load(file, text);
      byte[] data = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
      return parse(file, data);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException(file + ": unreadable private key: " + e.getMessage(), e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) throw e;
      throw new IOException(file + ": unreadable private key: " + e.getMessage(), e);
    }
  }

  private static List<SshKey> parse(Path file, byte[] data) throws IOException, GeneralSecurityException {
    if (!Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) throw new IOException("bad magic");
    SshWire.Reader in = new SshWire.Reader(Arrays.copyOfRange(data, MAGIC.length, data.length));
    String cipher = in.text();
    in.text(); // kdf name
    in.string(); // kdf options
    if (!cipher.equals("none")) throw encrypted(file);
    int count = in.uint32();
    List<byte[]> publicBlobs = new ArrayList<>();
    for (int i = 0; i < count; i++) publicBlobs.add(in.string());
    SshWire.Reader secret = new SshWire.Reader(in.string());
    if (secret.uint32() != secret.uint32()) throw new IOException("check words differ (corrupt or encrypted)");
    List<SshKey> keys = new ArrayList<>();
    for (byte[] publicBlob : publicBlobs) {
      String type = secret.text();
      PrivateKey key = privateKey(file, type, secret);
      String comment = secret.text();
      keys.add(new SshKey(type, publicBlob, key, comment.isEmpty() ? file.toString() : comment));
    }
    if (keys.isEmpty()) throw new IOException(file + ": holds no key");
    return keys;
  }

  private static PrivateKey privateKey(Path file, String type, SshWire.Reader in) throws IOException, GeneralSecurityException {
    return switch (type) {
      case "ssh-rsa" -> {
        BigInteger n = in.mpint(), e = in.mpint(), d = in.mpint(), iqmp = in.mpint(), p = in.mpint(), q = in.mpint();
        yield KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q,
            d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), iqmp));
      }
      case "ssh-ed25519" -> {
        in.string(); // public key, repeated
        byte[] seedAndPublic = in.string(); // 32-byte seed followed by the public key
        yield KeyFactory.getInstance("Ed25519").generatePrivate(
            new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOf(seedAndPublic, 32)));
      }
      case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
        in.text(); // curve identifier
        in.string(); // public point
        BigInteger d = in.mpint();
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(switch (type) {
          case "ecdsa-sha2-nistp256" -> "secp256r1";
          case "ecdsa-sha2-nistp384" -> "secp384r1";
          default -> "secp521r1";
        }));
        yield KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, params.getParameterSpec(ECParameterSpec.class)));
      }
      default -> throw new IOException(file + ": key type " + type + " is not supported (rsa, ed25519 and ecdsa are)");
    };
  }

  private static IOException encrypted(Path file) {
    return new IOException(file + ": the key is encrypted (passphrase-protected) and there is no prompt for it;"
        + " load it into ssh-agent with ssh-add and pass the agent's socket instead");
  }
}
