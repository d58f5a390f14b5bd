package dev.kiln.engine.content;

import dev.kiln.llb.Digest;
import java.io.IOException;

/** An in-progress blob write that can be resumed after a crash or a dropped connection. */
public interface Ingest extends AutoCloseable {
  /** Bytes already written (from an earlier attempt too). */
  long offset();

  void write(byte[] buf, int off, int len) throws IOException;

  /** Verifies and publishes the blob; fails (and discards the data) on a digest or size mismatch. */
  Digest commit(Digest expected, long expectedSize) throws IOException;

  /** Drops the partial data. */
  void abort() throws IOException;

  /** Closes the file without committing; the partial data stays for a later resume. */
  @Override
  void close() throws IOException;
}
