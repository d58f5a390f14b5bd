package dev.kiln.daemon.export;

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

/** Runs an {@link ExportSpec}: streams the result to the client's session through FileSend. */
public final class Exporter {
  private Exporter() {}

  /**
   * Exports and returns the exporter response ({@code containerimage.digest} and friends for image
   * tarballs). {@code imageConfig} is the frontend's image config, or null.
   */
  public static Map<String, String> export(ExportSpec spec, SolveResult result, DaemonSession session, Engine engine,
      byte[] imageConfig) throws IOException {
    if (spec instanceof ExportSpec.None) {
      return Map.of();
    }
    ExporterInstance image = null;
    if (spec instanceof ExportSpec.ImageTarball tarball) {
      try {
        image = engine.exporters().resolve(tarball.type(), tarball.attrs());
      } catch (RuntimeException e) {
        throw new IOException("invalid " + tarball.type() + " exporter options: " + e.getMessage(), e);
      }
    }
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
            return image.export(new ExportInput(result.snapshotId(), Optional.ofNullable(imageConfig)), out).response();
          }
        }
        case ExportSpec.None n -> throw new AssertionError();
      }
    }
    return Map.of();
  }
}
