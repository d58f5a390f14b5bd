package dev.kiln.engine.content;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Blobs (layers, manifests, configs) addressed by digest. Writes are atomic and verified: a blob
 * becomes visible only once its bytes match its digest. Implementations are thread-safe.
 */
public interface ContentStore {
  /** Size of a stored blob, or empty when absent. */
  Optional<Long> size(Digest digest) throws IOException;

  default boolean exists(Digest digest) throws IOException {
    return size(digest).isPresent();
  }

  /** Opens a stored blob; the caller closes the stream. */
  InputStream open(Digest digest) throws IOException;

  /**
   * Stores {@code data} (read to its end, not closed) and returns its digest. With {@code expected}
   * set, a mismatch in digest or size fails and nothing is stored. An existing blob is kept as is.
   */
  Digest write(InputStream data, Digest expected, long expectedSize) throws IOException;

  /**
   * A resumable writer for one named ingest (e.g. a layer download). Bytes already written under
   * that name survive a crash and are continued from {@link Ingest#offset()}.
   */
  Ingest ingest(String ref) throws IOException;

  /**
   * Like {@link #ingest}, for a writer that checks the digest itself before it commits (the
   * registry client hashes every download): the store does not hash the bytes a second time, and
   * its commit checks the size and takes the digest as given.
   */
  default Ingest ingestVerifiedByWriter(String ref) throws IOException {
    return ingest(ref);
  }

  /** Re-reads a blob and checks it against its digest. */
  void verify(Digest digest) throws IOException;

  void delete(Digest digest) throws IOException;

  List<Digest> list() throws IOException;
}
