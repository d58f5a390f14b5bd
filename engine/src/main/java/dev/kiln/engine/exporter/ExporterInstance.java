package dev.kiln.engine.exporter;

import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.io.OutputStream;

/** An exporter with its options resolved: turns one build result into an artifact. */
public interface ExporterInstance {
  /**
   * Exports {@code input}, writing the artifact (if the type streams one) to {@code out}, which is
   * not closed. Returns BuildKit's exporter response keys ({@code containerimage.digest}, …).
   */
  ExportResult export(ExportInput input, OutputStream out) throws IOException;

  /** The same, reporting long work (pushes, per blob) to {@code progress} when the type has any. */
  default ExportResult export(ExportInput input, OutputStream out, ProgressWriter progress) throws IOException {
    return export(input, out);
  }

  /** Exports results of several platforms; types that hold one image refuse more than one. */
  default ExportResult export(ExportInputs inputs, OutputStream out, ProgressWriter progress) throws IOException {
    if (inputs.multiPlatform()) {
      throw new IOException("this output holds a single platform; build one platform or export type=oci or type=image");
    }
    return export(inputs.platforms().getFirst(), out, progress);
  }
}
