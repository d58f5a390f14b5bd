package dev.kiln.engine.exporter;

import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An exporter instance whose artifact is a directory ({@code type=oci,tar=false}: an OCI image
 * layout); the caller sends the directory on, as it does {@code type=local} results.
 */
public interface DirectoryExport extends ExporterInstance {
  /** Writes the artifact under {@code dir}, creating it. */
  ExportResult exportTo(Path dir, ExportInputs inputs, ProgressWriter progress) throws IOException;
}
