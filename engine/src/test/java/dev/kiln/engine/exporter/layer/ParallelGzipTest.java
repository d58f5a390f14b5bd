package dev.kiln.engine.exporter.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipTest {
  @TempDir Path tmp;

  /** Half random, half repetitive, over several chunks and not a multiple of the chunk size. */
  private static byte[] input(int size) {
    byte[] b = new byte[size];
    new Random(7).nextBytes(b);
    for (int i = 0; i < size; i += 2048) {
      for (int j = i; j < Math.min(i + 1024, size); j++) b[j] = (byte) ("kiln layer ".charAt(j % 11));
    }
    return b;
  }

  private static byte[] compress(byte[] data, int level) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new ParallelGzip(out, level)) {
      gz.write(data, 0, 1000);
      gz.write(data, 1000, data.length - 1000);
    }
    return out.toByteArray();
  }

  @Test
  void isOneValidGzipMemberThatRoundTrips() throws Exception {
    byte[] data = input(3 * GzipChunking.DEFAULT.max() + 12345);
    byte[] gz = compress(data, 6);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(data);
    Path file = tmp.resolve("x.gz");
    Files.write(file, gz);
    Process p = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void isDeterministicAndAboutAsSmallAsPlainGzip() throws Exception {
    byte[] data = input(2 * GzipChunking.DEFAULT.max() + 1);
    byte[] a = compress(data, 6);
    assertThat(compress(data, 6)).isEqualTo(a);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(plain)) {
      g.write(data);
    }
    assertThat((double) a.length).isLessThan(plain.size() * 1.02);
  }

  @Test
  void emptyInputAndLevelZeroWork() throws Exception {
    assertThat(new GZIPInputStream(new ByteArrayInputStream(compress(new byte[1000], 0))).readAllBytes())
        .isEqualTo(new byte[1000]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ParallelGzip(out, 6).close();
    assertThat(new GZIPInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes()).isEmpty();
  }

  @Test
  void incompressibleChunksAreStoredAndTheStreamStaysValidAndDeterministic() throws Exception {
    // Random chunks (stored), then text and counting bytes (deflated), across chunk boundaries.
    int max = GzipChunking.DEFAULT.max();
    byte[] data = new byte[3 * max + 777];
    new Random(11).nextBytes(data);
    for (int i = max; i < 2 * max; i++) data[i] = (byte) ("stored or not ".charAt(i % 14));
    for (int i = 2 * max; i < data.length; i++) data[i] = (byte) i;
    byte[] gz = compress(data, 6);
    assertThat(compress(data, 6)).isEqualTo(gz);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(data);
    // Stored blocks cost 5 bytes per 64 KiB; the two compressible chunks shrink to almost nothing.
    assertThat(gz.length).isBetween(max, max + max / 100 + 2048);
    Path file = tmp.resolve("stored.gz");
    Files.write(file, gz);
    Process p = new ProcessBuilder("gzip", "-t", file.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }
}
