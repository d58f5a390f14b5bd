package dev.kiln.engine.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The system zlib's raw deflate, chunk by chunk with dictionaries as ParallelGzip uses it. */
class ZlibDeflateTest {
  @Test
  void chunksWithDictionariesInflateBackToTheInput() throws Exception {
    byte[] data = new byte[3 << 20];
    Random random = new Random(7);
    random.nextBytes(data);
    for (int i = 0; i < data.length; i += 4096) {
      if ((i / 4096) % 2 == 0) Arrays.fill(data, i, i + 4096, (byte) ('a' + random.nextInt(3)));
    }
    int chunk = 1 << 20;
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (ZlibDeflate z = ZlibDeflate.open(6).orElseThrow()) { // libz.so.1 is on every Linux the engine runs on
      for (int off = 0; off < data.length; off += chunk) {
        z.reset();
        if (off > 0) z.setDictionary(data, off - (32 << 10), 32 << 10);
        byte[] out = new byte[chunk + (chunk >> 6) + 1024];
        boolean last = off + chunk >= data.length;
        deflated.write(out, 0, z.deflate(data, off, chunk, out, last));
      }
    }
    byte[] compressed = deflated.toByteArray();
    assertThat(compressed.length).isLessThan(data.length * 6 / 10);
    Inflater inflater = new Inflater(true);
    inflater.setInput(compressed);
    byte[] back = new byte[data.length];
    int n = 0;
    while (!inflater.finished()) n += inflater.inflate(back, n, back.length - n);
    assertThat(n).isEqualTo(data.length);
    assertThat(back).isEqualTo(data);
  }

  @Test
  void levelZeroStoresAndEmptyInputFinishes() {
    try (ZlibDeflate z = ZlibDeflate.open(0).orElseThrow()) {
      byte[] out = new byte[2048];
      int n = z.deflate(new byte[100], 0, 100, out, false);
      assertThat(n).isGreaterThan(100);
      z.reset();
      assertThat(z.deflate(new byte[0], 0, 0, out, true)).isPositive();
    }
  }
}
