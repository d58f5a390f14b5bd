package dev.kiln.engine.exporter.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32CombineTest {
  private static long crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return c.getValue();
  }

  @Test
  void combiningTwoPartsEqualsTheCrcOfTheWhole() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      byte[] data = new byte[random.nextInt(5000)];
      random.nextBytes(data);
      int cut = data.length == 0 ? 0 : random.nextInt(data.length + 1);
      long combined = Crc32Combine.combine(crc(data, 0, cut), crc(data, cut, data.length - cut), data.length - cut);
      assertThat(combined).isEqualTo(crc(data, 0, data.length));
    }
  }

  @Test
  void anEmptySecondPartLeavesTheFirstCrc() {
    assertThat(Crc32Combine.combine(0x12345678L, 0, 0)).isEqualTo(0x12345678L);
  }
}
