package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Path;

/** A builder under test: builds a context's Dockerfile into an OCI tarball with gzip layers. */
sealed interface Builder extends AutoCloseable permits KilnEmbedded, KilnDaemon, Buildah {
  String name();

  /** Empties every cache, so the next build starts cold (not measured). */
  void reset() throws IOException, InterruptedException;

  /** Builds {@code context/Dockerfile} and writes the image to {@code out} as an OCI tarball. */
  Measured build(Path context, Path out) throws IOException, InterruptedException;

  @Override
  default void close() throws IOException, InterruptedException {}
}
