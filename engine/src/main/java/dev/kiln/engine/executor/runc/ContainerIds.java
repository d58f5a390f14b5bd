package dev.kiln.engine.executor.runc;

import java.security.SecureRandom;

/** Random container ids, like BuildKit's {@code identity.NewID}: 25 base-32 characters. */
final class ContainerIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final int LENGTH = 25;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ContainerIds() {}

  static String next() {
    // One draw of 128 bits, 5 per character: a draw per character (nextInt) cost 25 reads of the
    // system's generator, each mixed through SHA-1, on every RUN step.
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    return encode(bits);
  }

  /** The first 125 bits of {@code bits} (16 bytes), five per character, most significant first. */
  static String encode(byte[] bits) {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int bit = i * 5;
      int pair = (bits[bit / 8] & 0xff) << 8 | (bit / 8 + 1 < bits.length ? bits[bit / 8 + 1] & 0xff : 0);
      id[i] = ALPHABET[(pair >>> (11 - bit % 8)) & 31];
    }
    return new String(id);
  }
}
