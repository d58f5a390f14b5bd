package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.sys.ZlibDeflate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip across cores the way pigz does it: the input is cut into chunks, each deflated on its own
 * with the previous chunk's last 32 KiB as dictionary and ended with a sync flush, so the pieces
 * concatenate into one ordinary gzip member. Chunks end at tar entry boundaries the writer reports
 * ({@link #entryBoundary}) as {@link GzipChunking} picks them, or at its maximum inside a large
 * entry. The output is a pure function of the input, its entry boundaries, the level and the zlib
 * that deflates: the system's ({@link ZlibDeflate}, 12–14% less CPU than the JDK's own build, as
 * pigz uses it) when it links, else java.util.zip's. A chunk that does not compress
 * ({@link IncompressibleChunks}) is written as stored blocks instead of deflated.
 *
 * <p>So a chunk's compressed bytes depend only on its {@link ChunkKey}: with {@link ChunkReuse} on,
 * a chunk an earlier blob already holds is copied from that blob instead of deflated, and every
 * chunk's place in this blob is collected for the next one. The output is byte for byte what
 * deflating every chunk gives.
 *
 * <p>The caller's thread only cuts chunks. Each chunk's CRC (and key) is computed with its deflate
 * and combined later; an ordered stage (one virtual thread per stream) hashes the uncompressed
 * chunks into an optional digest (a layer's diffID) and writes the compressed pieces to {@code out}
 * in order, so hashing and writing overlap compression. At most {@code 2 × cores} chunks are in
 * flight. Not thread-safe, like any stream.
 */
final class ParallelGzip extends OutputStream {
  private static final int DICT = 32 << 10;
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().daemon().name("gzip-", 0).factory());
  /** One deflater per pool thread, reset per chunk: a fresh one per chunk costs its 256 KiB of state. */
  private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);
  /** The same with the system's zlib, preferred when it links: it costs 12–14% less CPU than the JDK's. */
  private static final ThreadLocal<ZlibDeflate[]> SYSTEM_ZLIB = ThreadLocal.withInitial(() -> new ZlibDeflate[10]);

  private final OutputStream out;
  private final int level;
  private final MessageDigest uncompressed;
  private final ChunkReuse reuse;
  private final GzipChunking chunking;
  private final ExecutorService ordered = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("gzip-out").factory());
  private final Deque<Future<?>> inFlight = new ArrayDeque<>();
  private final int maxInFlight = 2 * Runtime.getRuntime().availableProcessors();
  private byte[] buf;
  private int filled;
  /** The last 32 KiB of the chunk submitted last: the next chunk's dictionary (null after a shorter chunk). */
  private byte[] previousTail;
  /** Chunk buffers the ordered stage is done with, for the caller to fill again instead of allocating. */
  private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
  private long total;
  private long lastBoundary; // total at the previous entry boundary
  private long crc; // only touched by the ordered stage until it has drained
  private long written = HEADER.length; // the same: where the next piece starts in the output
  private boolean closed;

  /** A chunk's compressed bytes, the CRC-32 of its input and its key (null with reuse off). */
  private record Piece(byte[] bytes, int length, long crc, String key) {}

  ParallelGzip(OutputStream out, int level) throws IOException {
    this(out, level, null);
  }

  /** @param uncompressed updated with every byte written, in order, off the caller's thread; may be null */
  ParallelGzip(OutputStream out, int level, MessageDigest uncompressed) throws IOException {
    this(out, level, uncompressed, ChunkReuse.off());
  }

  /** @param reuse where chunks are looked up and collected ({@link ChunkReuse#off()} for neither) */
  ParallelGzip(OutputStream out, int level, MessageDigest uncompressed, ChunkReuse reuse) throws IOException {
    this(out, level, uncompressed, reuse, GzipChunking.DEFAULT);
  }

  ParallelGzip(OutputStream out, int level, MessageDigest uncompressed, ChunkReuse reuse, GzipChunking chunking)
      throws IOException {
    this.out = out;
    this.level = level;
    this.uncompressed = uncompressed;
    this.reuse = reuse;
    this.chunking = chunking;
    this.buf = new byte[chunking.max()];
    out.write(HEADER);
  }

  /** The bytes written so far end a tar entry: the chunk may end here ({@link GzipChunking#endsAt}). */
  void entryBoundary() throws IOException {
    long entryLength = total - lastBoundary;
    lastBoundary = total;
    if (chunking.endsAt(buf, filled, entryLength)) submit(false);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    total += len;
    while (len > 0) {
      int n = Math.min(len, buf.length - filled);
      System.arraycopy(b, off, buf, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == buf.length) submit(false);
    }
  }

  private void submit(boolean last) throws IOException {
    byte[] input = buf;
    int length = filled;
    byte[] dict = previousTail;
    // The next chunk's dictionary is copied now: this buffer goes back to the pool once written.
    previousTail = length >= DICT ? Arrays.copyOfRange(input, length - DICT, length) : null;
    Future<Piece> piece = POOL.submit(() -> compress(input, length, dict, level, last, reuse));
    inFlight.add(ordered.submit(() -> {
      if (uncompressed != null) uncompressed.update(input, 0, length);
      Piece p = piece.get();
      out.write(p.bytes(), 0, p.length());
      reuse.add(p.key(), written, p.length(), p.crc(), length);
      written += p.length();
      crc = Crc32Combine.combine(crc, p.crc(), length);
      free.offer(input);
      return null;
    }));
    buf = takeBuffer();
    filled = 0;
    while (inFlight.size() >= maxInFlight) awaitOldest();
  }

  /** A chunk buffer from those the ordered stage has finished with, else a new one. */
  private byte[] takeBuffer() {
    byte[] b = free.poll();
    return b != null ? b : new byte[chunking.max()];
  }

  /**
   * Copies the chunk from an earlier blob when one holds it, else deflates it. A chunk that does
   * not compress is stored and neither looked up nor recorded: copying it would save no work.
   *
   * @param input the chunk: its first {@code length} bytes
   */
  private static Piece compress(byte[] input, int length, byte[] dict, int level, boolean last, ChunkReuse reuse) {
    CRC32 crc = new CRC32();
    crc.update(input, 0, length);
    boolean store = level > 0 && IncompressibleChunks.test(input, length, ParallelGzip::sampleDeflatedLength);
    String key = reuse.enabled() && !store ? ChunkKey.of(level, last, dict, input, length) : null;
    if (key != null) {
      Optional<byte[]> copy = reuse.find(key, length, crc.getValue());
      if (copy.isPresent()) return new Piece(copy.get(), copy.get().length, crc.getValue(), key);
    }
    byte[] result = new byte[deflateBound(length)];
    int deflated = deflate(store ? 0 : level, input, 0, length, dict, last, result);
    return new Piece(result, deflated, crc.getValue(), key);
  }

  private static int sampleDeflatedLength(byte[] input, int off, int len) {
    return deflate(1, input, off, len, null, false, new byte[deflateBound(len)]);
  }

  /** Room for {@code length} incompressible bytes plus block headers and the sync marker: one call, one copy. */
  private static int deflateBound(int length) {
    return length + (length >> 6) + 1024;
  }

  /** Deflates {@code input[off, off+len)} into {@code result} with the system's zlib, else the JDK's. */
  private static int deflate(int level, byte[] input, int off, int len, byte[] dict, boolean last, byte[] result) {
    ZlibDeflate system = systemZlib(level);
    return system != null
        ? deflate(system, input, off, len, dict, last, result)
        : deflate(jdkDeflater(level), input, off, len, dict, last, result);
  }

  private static int deflate(ZlibDeflate z, byte[] input, int off, int len, byte[] dict, boolean last, byte[] result) {
    z.reset();
    if (dict != null) z.setDictionary(dict, 0, dict.length);
    return z.deflate(input, off, len, result, last);
  }

  private static int deflate(Deflater d, byte[] input, int off, int len, byte[] dict, boolean last, byte[] result) {
    if (dict != null) d.setDictionary(dict);
    d.setInput(input, off, len);
    if (last) d.finish();
    int length = 0;
    while (true) {
      int space = result.length - length;
      int n = d.deflate(result, length, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
      length += n;
      if (last ? d.finished() : n < space) return length;
      if (length == result.length) throw new IllegalStateException("deflate output exceeds its bound");
    }
  }

  /** This pool thread's system-zlib stream for {@code level}, or null when the system's zlib is unusable. */
  private static ZlibDeflate systemZlib(int level) {
    ZlibDeflate[] byLevel = SYSTEM_ZLIB.get();
    if (byLevel[level] == null) byLevel[level] = ZlibDeflate.open(level).orElse(null);
    return byLevel[level];
  }

  private static Deflater jdkDeflater(int level) {
    Deflater[] byLevel = DEFLATERS.get();
    if (byLevel[level] == null) {
      byLevel[level] = new Deflater(level, true);
    } else {
      byLevel[level].reset();
    }
    return byLevel[level];
  }

  private void awaitOldest() throws IOException {
    try {
      inFlight.removeFirst().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof ExecutionException nested) cause = nested.getCause();
      if (cause instanceof UncheckedIOException u) cause = u.getCause();
      throw cause instanceof IOException io ? io : new IOException("gzip failed", cause);
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
      while (!inFlight.isEmpty()) awaitOldest();
      long c = crc;
      out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
          (byte) total, (byte) (total >> 8), (byte) (total >> 16), (byte) (total >> 24)});
    } finally {
      inFlight.forEach(f -> f.cancel(true));
      ordered.shutdownNow();
      try {
        // out must not be closed under a write still running in the ordered stage.
        ordered.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.close();
    }
  }
}
