package dev.kiln.engine.exporter;

import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An exporter that can write its artifact to a file it may seek in, rather than a stream: an
 * image tarball then takes each new layer as it is compressed, instead of a second copy afterwards.
 */
public interface FileExport extends ExporterInstance {
  /** Writes the artifact to {@code file} (created or truncated) and returns the exporter response. */
  ExportResult exportToFile(Path file, ExportInputs inputs, ProgressWriter progress) throws IOException;
}
