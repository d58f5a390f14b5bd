package dev.kiln.daemon.export;

import dev.kiln.daemon.progress.BuildJob;
import dev.kiln.daemon.progress.InternalStep;
import dev.kiln.engine.Engine;
import dev.kiln.engine.exporter.DirectoryExport;
import dev.kiln.engine.exporter.ExporterInstance;
import dev.kiln.engine.exporter.FileExport;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.session.content.StoreIds;
import dev.kiln.session.filesend.FileSendClient;
import dev.kiln.session.tunnel.DaemonSession;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs an {@link ExportSpec}: streams the result to the client's session through FileSend, or
 * (for {@code type=image}) stores and pushes it on the daemon's side.
 */
public final class Exporter {
  private Exporter() {}

  /** Exports and returns the exporter response ({@code containerimage.digest} and friends for images). */
  public static Map<String, String> export(ExportSpec spec, BuildResults built, DaemonSession session, Engine engine,
      BuildJob job, Path workDir) throws IOException {
    if (spec instanceof ExportSpec.None) {
      return Map.of();
    }
    ExporterInstance image = switch (spec) {
      case ExportSpec.ImageStore store -> resolve(engine, "image", store.attrs());
      case ExportSpec.ImageTarball t -> resolve(engine, t.type(), t.attrs());
      default -> null;
    };
    // Compressing, pushing or sending the result can take longer than the build: a step of its own,
    // named as BuildKit's exporters name theirs.
    InternalStep step = InternalStep.start(job, stepName(spec));
    try {
      Map<String, String> response = deliver(spec, image, built, session, workDir, step.writer());
      step.done(null);
      return response;
    } catch (IOException | RuntimeException e) {
      step.done(e.getMessage());
      throw e;
    }
  }

  private static String stepName(ExportSpec spec) {
    return switch (spec) {
      case ExportSpec.Local l -> "exporting to client directory";
      case ExportSpec.Tar t -> "exporting to client tarball";
      case ExportSpec.ImageTarball t when t.type().equals("docker") -> "exporting to docker image format";
      case ExportSpec.ImageTarball t -> "exporting to oci image format";
      case ExportSpec.ImageStore s -> "exporting to image";
      case ExportSpec.None n -> "exporting";
    };
  }

  /** Pushes the image, or writes the result where the client asked for it. */
  private static Map<String, String> deliver(ExportSpec spec, ExporterInstance image, BuildResults built,
      DaemonSession session, Path workDir, ProgressWriter progress) throws IOException {
    if (spec instanceof ExportSpec.ImageStore) {
      return image.export(built.inputs(), OutputStream.nullOutputStream(), progress).response();
    }
    if (image instanceof DirectoryExport layout && SessionContentStore.served(session)) {
      // buildctl's way: the blobs go into the client's "export" store; the client writes index.json.
      return layout.exportTo(new SessionContentStore(session, StoreIds.EXPORT), built.inputs(), progress).response();
    }
    if (session == null || !session.supports(FileSendClient.DIFF_COPY)) {
      throw new IOException("the client session does not accept outputs (no FileSend): cannot export");
    }
    switch (spec) {
      case ExportSpec.Local l -> sendLocal(built, l.options(), session, workDir);
      case ExportSpec.Tar t -> {
        if (built.split()) throw new IOException("type=tar holds one platform: build one, or use type=local or type=oci");
        try (MountedTree tree = built.results().getFirst().open();
            OutputStream out = FileSendClient.openFile(session.channel())) {
          TarWriter.write(tree.root(), out);
        }
      }
      case ExportSpec.ImageTarball t when image instanceof DirectoryExport layout -> {
        // A client without a content store gets the layout as files, written here and sent.
        return staged(workDir, "layout-", dir -> {
          Map<String, String> response = layout.exportTo(dir, built.inputs(), progress).response();
          FileSendClient.sendDir(session.channel(), dir);
          return response;
        });
      }
      case ExportSpec.ImageTarball t when image instanceof FileExport file && session.localOutputFile().isPresent() -> {
        // A client in this JVM: the tarball is written in place, new layers as they are compressed.
        return file.exportToFile(session.localOutputFile().get(), built.inputs(), progress).response();
      }
      case ExportSpec.ImageTarball t -> {
        try (OutputStream out = FileSendClient.openFile(session.channel())) {
          return image.export(built.inputs(), out, progress).response();
        }
      }
      case ExportSpec.ImageStore s -> throw new AssertionError();
      case ExportSpec.None n -> throw new AssertionError();
    }
    return Map.of();
  }

  /**
   * {@code type=local}: one result alone is sent as it is; otherwise (several platforms, or
   * {@code platform-split=true}) the results are laid out in one staged tree, sent in one transfer.
   */
  private static void sendLocal(BuildResults built, LocalOptions options, DaemonSession session, Path workDir)
      throws IOException {
    boolean split = options.split(built.split());
    if (!split && built.results().size() == 1) {
      try (MountedTree tree = built.results().getFirst().open()) {
        FileSendClient.sendDir(session.channel(), tree.root());
      }
      return;
    }
    staged(workDir, "local-", staging -> {
      LocalTree out = new LocalTree(staging, split);
      for (int i = 0; i < built.results().size(); i++) {
        try (MountedTree tree = built.results().get(i).open()) {
          out.add(tree, built.platformIds().get(i));
        }
      }
      FileSendClient.sendDir(session.channel(), staging);
      return null;
    });
  }

  private interface StagedWork<T> {
    T run(Path dir) throws IOException;
  }

  /** Runs {@code work} on a fresh directory under {@code workDir}, removed afterwards. */
  private static <T> T staged(Path workDir, String prefix, StagedWork<T> work) throws IOException {
    Path staging = Files.createTempDirectory(Files.createDirectories(workDir), prefix);
    try {
      return work.run(staging);
    } finally {
      Trees.deleteRecursively(staging);
    }
  }

  private static ExporterInstance resolve(Engine engine, String type, Map<String, String> attrs) throws IOException {
    try {
      return engine.exporters().resolve(type, attrs);
    } catch (RuntimeException e) {
      throw new IOException("invalid " + type + " exporter options: " + e.getMessage(), e);
    }
  }
}
