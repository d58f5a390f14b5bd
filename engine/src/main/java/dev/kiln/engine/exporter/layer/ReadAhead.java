package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads what the tar writer needs of each added entry — its lstat, xattrs, link target and, for a
 * small regular file, its bytes — on other threads, a few batches of entries ahead of the writer,
 * which then only formats and copies. A layer of many small files spends most of its time in
 * per-file system calls (stat, listxattr, open, read, close); done ahead and in parallel they
 * overlap the tar, the hashing and the compression. Results come back in order, and a failure
 * (a file gone meanwhile) surfaces when the writer reaches that entry, as if it had read it itself.
 * Memory stays bounded: a batch stops taking file bytes once it holds {@link #BATCH_BYTES}, larger
 * files are left for the writer to stream, and at most {@link #AHEAD} batches are in flight
 * (about 30 MiB at most on 2 cores).
 * Not thread-safe: one writer takes the entries.
 */
final class ReadAhead implements AutoCloseable {
  /** Files up to this size are read whole ahead of the writer; larger ones are streamed. */
  static final int SMALL_FILE = 1 << 20;
  private static final int BATCH_ENTRIES = 64;
  private static final int BATCH_BYTES = 2 << 20;
  /** Readers mostly wait on the disk when the files are not cached: more of them keep more reads in flight. */
  private static final int READERS = Math.min(16, 4 * Runtime.getRuntime().availableProcessors());
  private static final int AHEAD = READERS + 2;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      READERS, Thread.ofPlatform().daemon().name("layer-read-", 0).factory());

  /**
   * What an added entry is made of.
   *
   * @param linkTarget a symlink's target, else null
   * @param content a regular file's bytes (exactly its size), or null: stream it from the source
   */
  record Entry(Stat st, Map<String, byte[]> xattrs, String linkTarget, byte[] content) {}

  /** Entries read for consecutive changes; reading stopped at {@code failedAt} (else -1) with {@code failure}. */
  private record Batch(Entry[] entries, int failedAt, Exception failure) {}

  private final List<Change> changes;
  private final Deque<Future<Batch>> batches = new ArrayDeque<>();
  private int submitted; // changes handed to batches so far
  private Batch current = new Batch(new Entry[0], -1, null);
  private int currentStart;

  ReadAhead(List<Change> changes) {
    this.changes = changes;
  }

  /**
   * The entry for {@code changes.get(index)}, an {@link Change.Add}; indexes are asked in
   * increasing order. Throws what reading that entry threw.
   */
  Entry entry(int index) throws IOException {
    while (index >= currentStart + current.entries().length) {
      currentStart += current.entries().length;
      fill();
      current = await(batches.removeFirst());
    }
    int i = index - currentStart;
    if (i == current.failedAt()) throw asIo(current.failure());
    Entry e = current.entries()[i];
    current.entries()[i] = null; // its bytes can go once written
    return e;
  }

  private void fill() {
    while (batches.size() < AHEAD && submitted < changes.size()) {
      int from = submitted;
      int to = Math.min(changes.size(), from + BATCH_ENTRIES);
      submitted = to;
      batches.add(POOL.submit(() -> read(changes.subList(from, to))));
    }
  }

  private static Batch read(List<Change> changes) {
    Entry[] out = new Entry[changes.size()];
    long bytes = 0;
    for (int i = 0; i < out.length; i++) {
      if (!(changes.get(i) instanceof Change.Add add)) continue;
      try {
        out[i] = read(add, bytes < BATCH_BYTES);
      } catch (IOException | RuntimeException e) {
        return new Batch(out, i, e);
      }
      if (out[i].content() != null) bytes += out[i].content().length;
    }
    return new Batch(out, -1, null);
  }

  private static Entry read(Change.Add add, boolean takeBytes) throws IOException {
    Path source = add.source();
    Stat st = add.stat() != null ? add.stat() : PosixFiles.lstat(source);
    Map<String, byte[]> xattrs = xattrs(source);
    String link = st.type() == Stat.S_IFLNK ? Files.readSymbolicLink(source).toString() : null;
    byte[] content = null;
    if (takeBytes && st.type() == Stat.S_IFREG && st.size() <= SMALL_FILE) content = contents(source, (int) st.size());
    return new Entry(st, xattrs, link, content);
  }

  /** Sorted by name; overlay's own {@code trusted.overlay.*} bookkeeping is not the file's. */
  static Map<String, byte[]> xattrs(Path source) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (String x : Xattrs.list(source)) {
      if (x.startsWith("trusted.overlay.")) continue;
      Optional<byte[]> v = Xattrs.get(source, x);
      v.ifPresent(value -> out.put(x, value));
    }
    return out;
  }

  /** Exactly {@code size} bytes, the size the header will carry: a file that changed meanwhile fails. */
  private static byte[] contents(Path source, int size) throws IOException {
    byte[] bytes = new byte[size];
    try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) throw new IOException(source + " shrank to " + buf.position() + " bytes while read, from " + size);
      }
      if (ch.read(ByteBuffer.allocate(1)) >= 0) throw new IOException(source + " grew beyond " + size + " bytes while read");
    }
    return bytes;
  }

  private static Batch await(Future<Batch> batch) throws IOException {
    try {
      return batch.get();
    } catch (ExecutionException e) {
      throw asIo(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading layer entries", e);
    }
  }

  private static IOException asIo(Throwable cause) {
    if (cause instanceof UncheckedIOException u) cause = u.getCause();
    return cause instanceof IOException io ? io : new IOException("reading a layer entry failed", cause);
  }

  /** Drops what was read ahead and not taken. */
  @Override
  public void close() {
    batches.forEach(b -> b.cancel(true));
    batches.clear();
  }
}
