package dev.kiln.daemon.export;

import dev.kiln.engine.SolveResult;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.session.filesend.FileSendClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Runs an {@link ExportSpec}: streams the result to the client's session through FileSend. */
public final class Exporter {
  private Exporter() {}

  /** Exports and returns the exporter response (none of these exporters report anything yet). */
  public static Map<String, String> export(ExportSpec spec, SolveResult result, DaemonSession session) throws IOException {
    if (spec instanceof ExportSpec.None) {
      return Map.of();
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
        case ExportSpec.None n -> throw new AssertionError();
      }
    }
    return Map.of();
  }
}
