package dev.kiln.engine.cache.contenthash;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hashes regular files on a bounded pool of platform threads, each streaming through its own
 * reusable direct buffer. Thread-safe; owns its threads until {@link #close}.
 */
final class FileHasher implements AutoCloseable {
  private static final int BUFFER = 128 * 1024;

  private final ExecutorService pool;
  private final ThreadLocal<ByteBuffer> buffers =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER));
  private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Records::sha256);
  private final LongAdder hashed = new LongAdder();

  FileHasher(int parallelism) {
    this.pool =
        Executors.newFixedThreadPool(
            parallelism, Thread.ofPlatform().daemon().name("kiln-contenthash-", 0).factory());
  }

  /** Files hashed so far (content read), for callers checking that caches work. */
  long filesHashed() {
    return hashed.sum();
  }

  /** Sets {@code digest} on every node; in parallel when there is more than one. */
  void hashAll(List<Node> files, Memo memo) throws IOException {
    if (files.size() <= 1) {
      for (Node n : files) {
        hashOne(n, memo);
      }
      return;
    }
    List<Future<?>> running = new ArrayList<>(files.size());
    for (Node n : files) {
      running.add(
          pool.submit(
              () -> {
                hashOne(n, memo);
                return null;
              }));
    }
    for (Future<?> f : running) {
      await(f);
    }
  }

  private void hashOne(Node n, Memo memo) throws IOException {
    MessageDigest md = digests.get();
    md.reset();
    Records.header(md, n);
    md.update(content(n).value().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    n.digest = Records.finish(md);
    memo.store(n, n.digest);
    hashed.increment();
  }

  private Digest content(Node n) throws IOException {
    MessageDigest md = Records.sha256();
    ByteBuffer buf = buffers.get();
    try (FileChannel ch = FileChannel.open(n.host, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      while (true) {
        buf.clear();
        if (ch.read(buf) < 0) {
          break;
        }
        buf.flip();
        md.update(buf);
      }
    }
    return Records.finish(md);
  }

  private static void await(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case UncheckedIOException u -> throw u.getCause();
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IOException(e.getCause());
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
