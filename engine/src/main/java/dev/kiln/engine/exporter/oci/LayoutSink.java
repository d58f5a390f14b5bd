package dev.kiln.engine.exporter.oci;

import dev.kiln.engine.exporter.Descriptor;
import java.io.IOException;

/** Where an image layout's entries go: a tarball ({@link ArchiveOut}) or a directory ({@link LayoutDir}). */
interface LayoutSink extends AutoCloseable {
  void dir(String name) throws IOException;

  void file(String name, byte[] bytes) throws IOException;

  /** The blob's bytes from the content store. */
  void blob(String name, Descriptor d) throws IOException;

  @Override
  void close() throws IOException;
}
