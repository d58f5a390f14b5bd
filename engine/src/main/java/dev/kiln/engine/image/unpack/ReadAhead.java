package dev.kiln.engine.image.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads {@code source} to its end on a virtual thread of its own, a few chunks ahead of the
 * reader: decompressing and hashing a layer then overlap writing its files. Errors of the source
 * reach the reader in order; closing stops the producer and closes the source.
 */
public final class ReadAhead extends ChunkedInputStream {
  private static final int CHUNK = 1 << 20;
  private static final int DEPTH = 4;
  private static final byte[] END = new byte[0];

  private final InputStream source;
  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(DEPTH);
  private final Thread producer;
  private volatile boolean closed;

  public ReadAhead(InputStream source) {
    this.source = source;
    this.producer = Thread.ofVirtual().name("read-ahead").start(this::produce);
  }

  private void produce() {
    try {
      while (!closed) {
        byte[] chunk = source.readNBytes(CHUNK);
        if (chunk.length == 0) break;
        chunks.put(chunk.length == CHUNK ? chunk : Arrays.copyOf(chunk, chunk.length));
      }
      chunks.put(END);
    } catch (InterruptedException e) {
      // closed by the reader
    } catch (IOException | RuntimeException e) {
      try {
        chunks.put(e);
      } catch (InterruptedException ignored) {
        // closed by the reader
      }
    }
  }

  @Override
  protected byte[] nextChunk() throws IOException {
    Object next;
    try {
      next = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading ahead", e);
    }
    return switch (next) {
      case IOException e -> throw e;
      case RuntimeException e -> throw e;
      case byte[] b when b == END -> null;
      case byte[] b -> b;
      default -> throw new IllegalStateException("unexpected " + next);
    };
  }

  @Override
  public void close() throws IOException {
    closed = true;
    producer.interrupt();
    try {
      // Emptying the queue releases a producer blocked on a full one.
      while (!producer.join(java.time.Duration.ofMillis(50))) chunks.clear();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
