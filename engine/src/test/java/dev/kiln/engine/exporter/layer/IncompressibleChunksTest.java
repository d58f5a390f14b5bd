package dev.kiln.engine.exporter.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class IncompressibleChunksTest {
  private static boolean test(byte[] input) {
    return IncompressibleChunks.test(input, input.length, (in, off, len) -> {
      Deflater d = new Deflater(1, true);
      d.setInput(in, off, len);
      d.finish();
      byte[] out = new byte[len + 1024];
      int n = 0;
      while (!d.finished()) n += d.deflate(out, n, out.length - n);
      d.end();
      return n;
    });
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void randomBytesAreNotWorthDeflating() {
    assertThat(test(random(2 << 20, 1))).isTrue();
    assertThat(test(random(IncompressibleChunks.MIN_LENGTH, 2))).isTrue();
  }

  @Test
  void smallChunksAreAlwaysDeflated() {
    assertThat(test(random(IncompressibleChunks.MIN_LENGTH - 1, 3))).isFalse();
  }

  @Test
  void textIsDeflated() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int i = 0; text.size() < 1 << 20; i++) {
      text.writeBytes(("line " + i + " of a build log with some words in it\n").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(test(text.toByteArray())).isFalse();
  }

  @Test
  void highEntropyThatLz77CompressesIsDeflated() {
    byte[] counting = new byte[1 << 20];
    for (int i = 0; i < counting.length; i++) counting[i] = (byte) i;
    assertThat(test(counting)).isFalse();
    // Random 4 KiB repeated: every byte value equally likely, yet each window repeats itself.
    byte[] block = random(4096, 4);
    byte[] repeated = new byte[1 << 20];
    for (int i = 0; i < repeated.length; i += block.length) System.arraycopy(block, 0, repeated, i, block.length);
    assertThat(test(repeated)).isFalse();
  }

  @Test
  void aChunkWithCompressibleStretchesWhereSampledIsDeflated() {
    byte[] mixed = random(1 << 20, 5);
    for (int i = 0; i < mixed.length; i += 8192) {
      for (int j = i; j < i + 2048; j++) mixed[j] = 'k';
    }
    assertThat(test(mixed)).isFalse();
  }
}
