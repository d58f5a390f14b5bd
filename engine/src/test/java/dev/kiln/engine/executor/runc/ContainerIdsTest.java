package dev.kiln.engine.executor.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerIdsTest {
  @Test
  void idsAre25Base32CharactersAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = ContainerIds.next();
      assertThat(id).hasSize(25).matches("[a-z2-7]+");
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void eachCharacterTakesTheNextFiveBits() {
    byte[] bits = new byte[16];
    assertThat(ContainerIds.encode(bits)).isEqualTo("a".repeat(25));
    bits[0] = (byte) 0b0000_1000; // first character: bits 0..4 = 00001
    assertThat(ContainerIds.encode(bits)).isEqualTo("b" + "a".repeat(24));
    bits[0] = 0;
    bits[1] = (byte) 0b0100_0000; // second character: bits 5..9 = 00001, across the byte boundary
    assertThat(ContainerIds.encode(bits)).isEqualTo("ab" + "a".repeat(23));
    bits[1] = 0;
    bits[15] = (byte) 0b1111_1000; // last character: bits 120..124
    assertThat(ContainerIds.encode(bits)).isEqualTo("a".repeat(24) + "7");
    java.util.Arrays.fill(bits, (byte) 0xff);
    assertThat(ContainerIds.encode(bits)).isEqualTo("7".repeat(25));
  }

  @Test
  void everyCharacterOfTheAlphabetAppearsInEveryPosition() {
    Random random = new Random(42);
    byte[] bits = new byte[16];
    @SuppressWarnings("unchecked")
    Set<Character>[] seen = new Set[25];
    for (int p = 0; p < 25; p++) seen[p] = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      random.nextBytes(bits);
      String id = ContainerIds.encode(bits);
      for (int p = 0; p < 25; p++) seen[p].add(id.charAt(p));
    }
    for (Set<Character> s : seen) assertThat(s).hasSize(32);
  }
}
