package dev.kiln.session.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client's token authority (BuildKit's authprovider): per registry host, an Ed25519 key
 * derived as {@code HMAC-SHA256(key = the daemon's salt, data = a per-host seed)}, the seed left
 * out for a client without credentials (so anonymous clients share one authority, and so their
 * tokens). The daemon learns the public key from GetTokenAuthority and may check it with
 * VerifyTokenAuthority before sharing a token between sessions. Seeds live as long as this
 * object (buildctl keeps them in {@code ~/.docker/.token_seed}; this client writes nothing there).
 * Thread-safe.
 */
final class TokenAuthority {
  private final Map<String, byte[]> seeds = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** The key for {@code host} under {@code salt}; {@code hasSecret}: the client has credentials for the host. */
  KeyPair keyFor(String host, byte[] salt, boolean hasSecret) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt.length == 0 ? new byte[1] : salt, "HmacSHA256")); // the JDK refuses an empty key
    if (hasSecret) {
      mac.update(seeds.computeIfAbsent(host, h -> {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return seed;
      }));
    }
    return fromSeed(mac.doFinal());
  }

  /** The Ed25519 key pair of a 32-byte seed (RFC 8032 §5.1.5), as Go's {@code ed25519.NewKeyFromSeed}. */
  static KeyPair fromSeed(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(seed, 0, bytes, 0, bytes.length); // the generator draws exactly the 32-byte private key
      }
    });
    return generator.generateKeyPair();
  }

  /** The 32-byte encoding of a public key (RFC 8032 §5.1.2: y little-endian, x's parity in the top bit). */
  static byte[] encode(EdECPublicKey key) {
    BigInteger y = key.getPoint().getY();
    byte[] bigEndian = y.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < 32 && i < bigEndian.length; i++) out[i] = bigEndian[bigEndian.length - 1 - i];
    if (key.getPoint().isXOdd()) out[31] |= (byte) 0x80;
    return out;
  }

  static byte[] sign(PrivateKey key, byte[] payload) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(key);
    signature.update(payload);
    return signature.sign();
  }
}
