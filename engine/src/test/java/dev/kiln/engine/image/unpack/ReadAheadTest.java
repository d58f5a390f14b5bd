package dev.kiln.engine.image.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(5).nextBytes(b);
    return b;
  }

  @Test
  void readsTheSameBytesWhateverTheReadSizes() throws IOException {
    byte[] data = random(5 * (1 << 20) + 777);
    Random sizes = new Random(9);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (InputStream in = new ReadAhead(new ByteArrayInputStream(data))) {
      byte[] buf = new byte[100_000];
      while (true) {
        if (sizes.nextInt(10) == 0) {
          int b = in.read();
          if (b < 0) break;
          got.write(b);
          continue;
        }
        int n = in.read(buf, 0, 1 + sizes.nextInt(buf.length));
        if (n < 0) break;
        got.write(buf, 0, n);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(got.toByteArray()).isEqualTo(data);
  }

  @Test
  void aSourceFailureReachesTheReader() throws IOException {
    byte[] data = random(3000);
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("truncated layer");
      }
    };
    try (InputStream in = new ReadAhead(new SequenceInputStream(new ByteArrayInputStream(data), failing))) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("truncated layer");
    }
  }

  @Test
  void closingEarlyStopsTheProducer() throws IOException {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 1);
        return len;
      }
    };
    InputStream in = new ReadAhead(endless);
    assertThat(in.read()).isEqualTo(1);
    in.close(); // returns: the producer, blocked on a full queue, is released and ends
  }
}
