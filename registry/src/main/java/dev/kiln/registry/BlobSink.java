package dev.kiln.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where a fetched blob goes, e.g. an ingest of the engine's content store. The client calls {@link
 * #open} (possibly several times, as it resumes), streams bytes, verifies digest and size, and then
 * calls exactly one of {@link #commit} or {@link #discard}.
 *
 * <p>A sink that holds a prefix from an earlier, interrupted fetch reports it through {@link
 * #storedBytes()}; the client re-hashes it from {@link #readStored()} and asks the registry only
 * for the rest. Sinks are used by one thread at a time.
 */
public interface BlobSink {
  /** Bytes already held from an earlier attempt (0 by default). */
  default long storedBytes() throws IOException {
    return 0;
  }

  /** The first {@link #storedBytes()} bytes, read back for hashing. The client closes it. */
  default InputStream readStored() throws IOException {
    return InputStream.nullInputStream();
  }

  /**
   * A stream that writes from {@code offset}, dropping anything held beyond it (a server that
   * ignores {@code Range} makes the client start again at 0). The client closes the stream.
   */
  OutputStream open(long offset) throws IOException;

  /** The bytes match {@code verified}; publish them. */
  void commit(Descriptor verified) throws IOException;

  /** The bytes are wrong or the fetch was abandoned; drop them. */
  void discard() throws IOException;
}
