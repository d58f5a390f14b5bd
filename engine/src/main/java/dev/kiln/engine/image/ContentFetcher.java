package dev.kiln.engine.image;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.llb.Digest;
import dev.kiln.registry.Descriptor;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings blobs into the content store, each at most once at a time: concurrent pulls of images
 * sharing a layer wait for the one download instead of writing the same ingest twice. Counts
 * downloads, for tests and diagnostics. Thread-safe.
 */
public final class ContentFetcher {
  private final ContentStore store;
  private final KeyedLocks<Digest> locks = new KeyedLocks<>();
  private final AtomicLong downloads = new AtomicLong();

  public ContentFetcher(ContentStore store) {
    this.store = store;
  }

  public ContentStore store() {
    return store;
  }

  /**
   * Makes {@code blob} present, fetching it from {@code from} unless the store has it; reports
   * bytes under the blob's digest when {@code progress} is non-null. True when it was downloaded.
   */
  public boolean ensure(Descriptor blob, BlobFetcher from, ProgressWriter progress) throws IOException {
    return ensure(blob, from, progress, null);
  }

  /**
   * Like {@link #ensure(Descriptor, BlobFetcher, ProgressWriter)}, also passing the bytes to {@code
   * tee} as they are downloaded (or telling it that the blob was in the store already).
   */
  public boolean ensure(Descriptor blob, BlobFetcher from, ProgressWriter progress, BlobTee tee) throws IOException {
    Digest digest = Digests.of(blob.digest());
    KeyedLocks<Digest>.Held lock;
    try {
      lock = locks.lockInterruptibly(digest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (tee != null) tee.failed("interrupted");
      throw new IOException("interrupted while waiting for another download of " + digest, e);
    }
    try {
      if (store.exists(digest)) {
        if (tee != null) tee.notStreamed();
        return false;
      }
      ByteProgress bytes = progress == null ? null : new ByteProgress(progress, digest.value(), blob.size());
      try (IngestSink sink = new IngestSink(store, "pull-" + digest.hex(), n -> {
        if (bytes != null) bytes.update(n);
      }, tee, from.verifiesDigests())) {
        RegistryProgress.reportingTo(progress, () -> {
          from.fetch(blob, sink);
          return null;
        });
      }
      if (bytes != null) bytes.done(blob.size());
      downloads.incrementAndGet();
      return true;
    } finally {
      if (tee != null) tee.failed("the download of " + digest + " did not complete"); // no-op once it ended
      lock.close();
    }
  }

  /** A small blob (manifest, config), fetched if needed and read whole. */
  public byte[] bytes(Descriptor blob, BlobFetcher from) throws IOException {
    ensure(blob, from, null);
    try (InputStream in = store.open(Digests.of(blob.digest()))) {
      return in.readAllBytes();
    }
  }

  /** Blobs downloaded since this fetcher was created. */
  public long downloads() {
    return downloads.get();
  }
}
