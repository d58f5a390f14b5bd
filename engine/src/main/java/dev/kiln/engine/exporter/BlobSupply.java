package dev.kiln.engine.exporter;

import dev.kiln.llb.Digest;
import java.io.IOException;

/**
 * Brings a blob that a written image or cache names, but the content store lacks, into the store:
 * the blob of a remote layer chain, fetched only when a push has to upload it (the target registry
 * neither has it nor can mount it). Thread-safe.
 */
@FunctionalInterface
public interface BlobSupply {
  /** For results whose blobs are all local. */
  BlobSupply NONE = blob -> {
    throw new IOException("blob " + blob + " is not in the content store");
  };

  void fetch(Digest blob) throws IOException;
}
