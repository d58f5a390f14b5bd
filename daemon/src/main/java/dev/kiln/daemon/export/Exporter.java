package dev.kiln.daemon.export;

import dev.kiln.daemon.progress.BuildJob;
import dev.kiln.daemon.progress.InternalStep;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.ExporterInstance;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.session.filesend.FileSendClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an {@link ExportSpec}: streams the result to the client's session through FileSend, or
 * (for {@code type=image}) stores and pushes it on the daemon's side.
 */
public final class Exporter {
  private Exporter() {}

  /**
   * Exports and returns the exporter response ({@code containerimage.digest} and friends for
   * images). {@code imageConfig} is the frontend's image config, or null.
   */
  public static Map<String, String> export(ExportSpec spec, SolveResult result, DaemonSession session, Engine engine,
      byte[] imageConfig, BuildJob job) throws IOException {
    if (spec instanceof ExportSpec.None) {
      return Map.of();
    }
    ExportInput input = new ExportInput(result.snapshotId(), Optional.ofNullable(imageConfig));
    if (spec instanceof ExportSpec.ImageStore store) {
      ExporterInstance image = resolve(engine, "image", store.attrs());
      InternalStep step = InternalStep.start(job, "exporting to image");
      try {
        Map<String, String> response = image.export(input, OutputStream.nullOutputStream(), step.writer()).response();
        step.done(null);
        return response;
      } catch (IOException | RuntimeException e) {
        step.done(e.getMessage());
        throw e;
      }
    }
    ExporterInstance image = spec instanceof ExportSpec.ImageTarball t ? resolve(engine, t.type(), t.attrs()) : null;
    if (session == null || !session.supports(FileSendClient.DIFF_COPY)) {
      throw new IOException("the client session does not accept outputs (no FileSend): cannot export");
    }
    try (MountedTree tree = result.open()) {
      switch (spec) {
        case ExportSpec.Local l -> FileSendClient.sendDir(session.channel(), tree.root());
        case ExportSpec.Tar t -> {
          try (OutputStream out = FileSendClient.openFile(session.channel())) {
            TarWriter.write(tree.root(), out);
          }
        }
        case ExportSpec.ImageTarball t -> {
          try (OutputStream out = FileSendClient.openFile(session.channel())) {
            return image.export(input, out).response();
          }
        }
        case ExportSpec.ImageStore s -> throw new AssertionError();
        case ExportSpec.None n -> throw new AssertionError();
      }
    }
    return Map.of();
  }

  private static ExporterInstance resolve(Engine engine, String type, Map<String, String> attrs) throws IOException {
    try {
      return engine.exporters().resolve(type, attrs);
    } catch (RuntimeException e) {
      throw new IOException("invalid " + type + " exporter options: " + e.getMessage(), e);
    }
  }
}
