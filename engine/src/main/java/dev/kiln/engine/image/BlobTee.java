package dev.kiln.engine.image;

import dev.kiln.engine.image.unpack.ChunkedInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A blob's bytes as they are downloaded, handed to a reader (the layer's unpacker) while the
 * download also writes them into the content store: a bounded pipe, so a slow reader slows the
 * download rather than filling memory — once it has started: a download whose reader has not yet
 * started (it waits for a permit for heavy work) does not wait for it, and the reader reads the
 * stored blob instead. The reader sees the end of the stream only once the
 * download verified size and digest and stored the blob; a failed download, and one that starts
 * over from byte 0 after sending bytes (a registry that ignores ranges), break the stream instead.
 * A resumed download (a range from where it stopped) continues it seamlessly.
 *
 * <p>One writer thread (the download) and one reader thread.
 */
public final class BlobTee {
  private static final int DEPTH = 64; // chunks of the client's 64 KiB writes: 4 MiB in flight

  /** What ended a stream that did not end well. */
  private record Broken(IOException cause) {}

  /** The blob was in the store already: nothing streams; the reader reads the store. */
  private static final Object NOT_STREAMED = new Object();
  private static final Object END = new Object();

  /**
   * The stream broke, but the blob may still arrive whole: the download started over, or went on
   * without a reader that was late.
   */
  public static final class Restarted extends IOException {
    Restarted(String why) {
      super(why);
    }
  }

  /** Thrown to the reader when the blob is read from the store instead (it was there already). */
  public static final class NotStreamed extends IOException {
    NotStreamed() {
      super("the blob was not downloaded: it is in the content store");
    }
  }

  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(DEPTH);
  private volatile boolean readerGone;
  private volatile boolean readerStarted;
  private boolean ended; // writer side: no more chunks go in
  private long sent;

  // ---- the download's side

  /** Bytes {@code buf[off, off+len)} follow those sent before. Blocks while the reader lags. */
  void write(byte[] buf, int off, int len) throws IOException {
    if (ended) return;
    put(Arrays.copyOfRange(buf, off, off + len));
    sent += len;
  }

  /** The download writes from byte 0 again: a stream that already passed bytes on breaks. */
  void restarted() {
    if (sent > 0) breakWith(new Restarted("the download started over from its first byte"));
  }

  /** The blob is stored and verified. */
  void completed() throws IOException {
    end(END);
  }

  /** The blob was already in the store. */
  void notStreamed() throws IOException {
    end(NOT_STREAMED);
  }

  /**
   * The download failed (the downloader throws the actual error); a no-op once the stream ended.
   * Never blocks: what the reader has not taken yet is worthless now.
   */
  void failed(String why) {
    breakWith(new IOException(why));
  }

  private void breakWith(IOException cause) {
    if (ended) return;
    ended = true;
    replaceAllWith(new Broken(cause));
  }

  /** Drops what the reader has not taken and leaves {@code last} as the only item. */
  private void replaceAllWith(Object last) {
    chunks.clear();
    chunks.offer(last); // room: the writer is the only one adding
  }

  private void end(Object last) throws IOException {
    if (ended) return;
    ended = true;
    put(last);
  }

  private void put(Object item) throws IOException {
    try {
      while (!readerGone && !chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (!readerStarted) { // no one reads yet: go on without a reader rather than wait for one
          ended = true;
          replaceAllWith(new Broken(new Restarted("the download went on without its reader, which had not started")));
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while passing a blob on", e);
    }
  }

  // ---- the unpacker's side

  /**
   * The blob's bytes as they arrive; ends when the download stored the verified blob. Throws
   * {@link Restarted} or {@link NotStreamed} when the blob must be read from the store instead
   * (once the download is done), or an {@link IOException} when the download failed. Closing it
   * lets the download go on without a reader.
   */
  public Reader reader() {
    return new Reader();
  }

  /** The unpacker's end of the pipe. */
  public final class Reader extends ChunkedInputStream {
    private IOException failure; // thrown again by every later read

    @Override
    protected byte[] nextChunk() throws IOException {
      if (failure != null) throw failure;
      Object next;
      try {
        next = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for a blob's bytes", e);
      }
      return switch (next) {
        case byte[] b -> b;
        case Broken b -> {
          readerGone = true;
          throw failure = b.cause();
        }
        case Object o when o == NOT_STREAMED -> throw failure = new NotStreamed();
        default -> null; // END
      };
    }

    /** Blocks until the download sends its first bytes (or ends), without consuming them. */
    public void awaitData() throws IOException {
      fill();
    }

    /** From now on the reader keeps reading: a full pipe makes the download wait for it. */
    public void start() {
      readerStarted = true;
    }

    @Override
    public void close() {
      readerGone = true;
      chunks.clear(); // frees a writer blocked on a full pipe
    }
  }
}
