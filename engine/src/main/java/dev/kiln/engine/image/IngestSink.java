package dev.kiln.engine.image;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.content.Ingest;
import dev.kiln.registry.BlobSink;
import dev.kiln.registry.Descriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * A {@link BlobSink} writing into a content-store ingest: the blob appears under its digest only
 * after the ingest re-checks size and digest on commit. Partial data does not outlive the fetch
 * ({@link #close} drops it): a retry within the fetch resumes, a failed fetch starts over. With a
 * {@link BlobTee}, the bytes are also passed on to a reader as they arrive.
 */
final class IngestSink implements BlobSink, AutoCloseable {
  private final ContentStore store;
  private final String ref;
  private final LongConsumer written;
  private final BlobTee tee;
  private final boolean writerVerifies;
  private Ingest ingest;
  private boolean finished;

  /**
   * {@code tee}: where the bytes also go, or null; {@code writerVerifies}: the fetcher checks the
   * digest itself, so the ingest does not hash (see {@link ContentStore#ingestVerifiedByWriter}).
   */
  IngestSink(ContentStore store, String ref, LongConsumer written, BlobTee tee, boolean writerVerifies) {
    this.store = store;
    this.ref = ref;
    this.written = written;
    this.tee = tee;
    this.writerVerifies = writerVerifies;
  }

  @Override
  public OutputStream open(long offset) throws IOException {
    if (ingest == null || offset != ingest.offset()) {
      if (offset != 0) {
        throw new IOException("cannot resume " + ref + " at byte " + offset + ": the ingest holds " + (ingest == null ? 0 : ingest.offset()));
      }
      restart();
    }
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ingest.write(b, off, len);
        if (tee != null) tee.write(b, off, len);
        written.accept(ingest.offset());
      }
    };
  }

  /** Drops whatever the ingest holds (also a stale one from an earlier attempt) and opens it afresh. */
  private void restart() throws IOException {
    if (tee != null) tee.restarted();
    if (ingest != null) {
      ingest.abort();
    }
    ingest = openIngest();
    if (ingest.offset() != 0) {
      ingest.abort();
      ingest = openIngest();
    }
  }

  private Ingest openIngest() throws IOException {
    return writerVerifies ? store.ingestVerifiedByWriter(ref) : store.ingest(ref);
  }

  @Override
  public void commit(Descriptor verified) throws IOException {
    finished = true;
    try {
      ingest.commit(Digests.of(verified.digest()), verified.size());
    } catch (IOException | RuntimeException e) {
      if (tee != null) tee.failed("storing " + ref + " failed: " + e.getMessage());
      throw e;
    }
    if (tee != null) tee.completed();
  }

  @Override
  public void discard() throws IOException {
    finished = true;
    if (tee != null) tee.failed("the download of " + ref + " was discarded");
    if (ingest != null) {
      ingest.abort();
    }
  }

  @Override
  public void close() throws IOException {
    if (!finished && ingest != null) {
      ingest.abort();
    }
  }
}
