package dev.kiln.engine.exporter.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip across cores the way pigz does it: the input is cut into fixed 1 MiB chunks, each deflated
 * on its own with the previous chunk's last 32 KiB as dictionary and ended with a sync flush, so
 * the pieces concatenate into one ordinary gzip member. Fixed chunking keeps the output a pure
 * function of the input and level. Writes happen on the caller's thread, in order; at most
 * {@code 2 × cores} chunks are in flight. Not thread-safe, like any stream.
 */
final class ParallelGzip extends OutputStream {
  static final int CHUNK = 1 << 20;
  private static final int DICT = 32 << 10;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().daemon().name("gzip-", 0).factory());

  private final OutputStream out;
  private final int level;
  private final CRC32 crc = new CRC32();
  private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
  private final int maxPending = 2 * Runtime.getRuntime().availableProcessors();
  private byte[] buf = new byte[CHUNK];
  private int filled;
  private byte[] previous;
  private long total;
  private boolean closed;

  ParallelGzip(OutputStream out, int level) throws IOException {
    this.out = out;
    this.level = level;
    out.write(HEADER);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    crc.update(b, off, len);
    total += len;
    while (len > 0) {
      int n = Math.min(len, CHUNK - filled);
      System.arraycopy(b, off, buf, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == CHUNK) submit(false);
    }
  }

  private void submit(boolean last) throws IOException {
    byte[] input = filled == buf.length ? buf : Arrays.copyOf(buf, filled);
    byte[] dict = previous == null ? null : Arrays.copyOfRange(previous, previous.length - DICT, previous.length);
    pending.add(POOL.submit(() -> deflate(input, dict, level, last)));
    previous = input.length >= DICT ? input : null;
    buf = new byte[CHUNK];
    filled = 0;
    while (pending.size() >= maxPending) drainOne();
  }

  private static byte[] deflate(byte[] input, byte[] dict, int level, boolean last) {
    Deflater d = new Deflater(level, true);
    try {
      if (dict != null) d.setDictionary(dict);
      d.setInput(input);
      if (last) d.finish();
      var result = new java.io.ByteArrayOutputStream(input.length / 2 + 64);
      byte[] tmp = new byte[64 << 10];
      while (true) {
        int n = d.deflate(tmp, 0, tmp.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
        result.write(tmp, 0, n);
        if (last ? d.finished() : n < tmp.length) return result.toByteArray();
      }
    } finally {
      d.end();
    }
  }

  private void drainOne() throws IOException {
    try {
      out.write(pending.removeFirst().get());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException("gzip failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      submit(true);
      while (!pending.isEmpty()) drainOne();
      long c = crc.getValue();
      out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
          (byte) total, (byte) (total >> 8), (byte) (total >> 16), (byte) (total >> 24)});
    } finally {
      pending.forEach(f -> f.cancel(true));
      out.close();
    }
  }
}
