package dev.kiln.engine.exporter;

import java.io.IOException;
import java.io.OutputStream;

/** An exporter with its options resolved: turns one build result into an artifact. */
public interface ExporterInstance {
  /**
   * Exports {@code input}, writing the artifact (if the type streams one) to {@code out}, which is
   * not closed. Returns BuildKit's exporter response keys ({@code containerimage.digest}, …).
   */
  ExportResult export(ExportInput input, OutputStream out) throws IOException;
}
