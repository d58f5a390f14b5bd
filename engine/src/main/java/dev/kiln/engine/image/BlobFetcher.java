package dev.kiln.engine.image;

import dev.kiln.registry.BlobSink;
import dev.kiln.registry.Descriptor;
import java.io.IOException;

/**
 * Where an image's blobs come from: a registry repository or an OCI layout directory. Streams
 * one blob into {@code sink} and commits it; the sink verifies size and digest again on commit.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface BlobFetcher {
  void fetch(Descriptor blob, BlobSink sink) throws IOException;

  /**
   * Whether this fetcher checks size and digest itself before it commits the sink, so the content
   * store need not hash the bytes again.
   */
  default boolean verifiesDigests() {
    return false;
  }
}
