package dev.kiln.session.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * RSA private keys in PEM: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what ssh-keygen wrote before
 * OpenSSH 7.8 and writes with {@code -m PEM}) and PKCS#8 ({@code BEGIN PRIVATE KEY}, {@code -m
 * PKCS8}). The JDK reads PKCS#8 only, so a PKCS#1 key is wrapped in a PKCS#8 envelope first.
 */
final class PemKeyFile {
  private static final String PKCS1 = "RSA PRIVATE KEY";
  private static final String PKCS8 = "PRIVATE KEY";
  // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
  private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

  private PemKeyFile() {}

  static boolean isPem(String text) {
    return text.contains(begin(PKCS1)) || text.contains(begin(PKCS8));
  }

  static List<SshKey> load(Path file, String text) throws IOException, GeneralSecurityException {
    byte[] der = text.contains(begin(PKCS1)) ? pkcs8(body(text, PKCS1)) : body(text, PKCS8);
    if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key)) {
      throw new IOException(file + ": an RSA key without its CRT parameters");
    }
    byte[] publicBlob = new SshWire.Writer().text("ssh-rsa").mpint(key.getPublicExponent()).mpint(key.getModulus()).bytes();
    return List.of(new SshKey("ssh-rsa", publicBlob, key, file.toString()));
  }

  private static String begin(String label) {
    return "-----BEGIN " + label + "-----";
  }

  private static byte[] body(String text, String label) throws IOException {
    int start = text.indexOf(begin(label));
    int end = text.indexOf("-----END " + label + "-----");
    if (start < 0 || end < start) throw new IOException("no " + label + " block");
    return Base64.getMimeDecoder().decode(text.substring(start + begin(label).length(), end));
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } } (RFC 5208). */
  private static byte[] pkcs8(byte[] pkcs1) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(new byte[] {0x02, 0x01, 0x00});
    content.writeBytes(RSA_ALGORITHM);
    content.writeBytes(der(0x04, pkcs1));
    return der(0x30, content.toByteArray());
  }

  private static byte[] der(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xffff ? 3 : length > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) out.write(length >>> (8 * i));
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
