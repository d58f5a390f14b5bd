package dev.kiln.engine.executor.runc;

import java.security.SecureRandom;

/** Random container ids, like BuildKit's {@code identity.NewID}: 25 base-32 characters. */
final class ContainerIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ContainerIds() {}

  static String next() {
    char[] id = new char[25];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
