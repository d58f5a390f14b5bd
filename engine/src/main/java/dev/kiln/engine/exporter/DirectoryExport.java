package dev.kiln.engine.exporter;

import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An exporter instance whose artifact is a directory ({@code type=oci,tar=false}: an OCI image
 * layout): written into the client's content store through the session, or (for a client without
 * one) under a directory the caller sends on, as it does {@code type=local} results.
 */
public interface DirectoryExport extends ExporterInstance {
  /** Writes the artifact under {@code dir}, creating it. */
  ExportResult exportTo(Path dir, ExportInputs inputs, ProgressWriter progress) throws IOException;

  /**
   * Writes the artifact's blobs into the client's store (BuildKit's {@code export} store); the
   * client then names the top descriptor of the response in its {@code index.json}.
   */
  ExportResult exportTo(ClientContentStore store, ExportInputs inputs, ProgressWriter progress) throws IOException;
}
