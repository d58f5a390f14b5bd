package dev.kiln.engine.exporter;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.image.ImageWriter;
import dev.kiln.engine.exporter.layer.LayerBlobs;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.engine.exporter.oci.TarballExporter;
import dev.kiln.engine.exporter.oci.TarballFormat;
import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.Worker;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real build (busybox rootfs, a RUN that adds, changes and deletes, a file op that deletes)
 * solved by the engine, then the engine's stores reopened for exporting it.
 */
final class ExportFixture implements AutoCloseable {
  static final String RUN = String.join("; ",
      "echo new > /new.txt", "echo mod >> /etc/passwd", "busybox rm /etc/group",
      "mkdir -p /d/sub", "echo x > /d/sub/x", "busybox ln -s /new.txt /link", "busybox ln /new.txt /hard",
      "busybox chmod 4755 /new.txt", "busybox chown 1000:2000 /d", "busybox chmod 1777 /d/sub",
      "busybox rm -rf /opq", "mkdir /opq", "echo y > /opq/y",
      "mkdir -p /long/" + "n".repeat(120) + "/" + "m".repeat(120), "echo deep > /long/" + "n".repeat(120) + "/" + "m".repeat(120) + "/f",
      "busybox mknod /dev-null c 1 3");

  final Worker worker;
  final Database db;
  final Layers layers;
  final String snapshotId;

  private ExportFixture(Worker worker, Database db, String snapshotId, LayerBlobs baseLayers) {
    this.worker = worker;
    this.db = db;
    this.snapshotId = snapshotId;
    this.layers = new Layers(worker.refs().store(), worker.refs()::view, worker.content(), db, baseLayers);
  }

  /** The same stores with another base-layer lookup. */
  ExportFixture withBaseLayers(LayerBlobs baseLayers) {
    return new ExportFixture(worker, db, snapshotId, baseLayers);
  }

  static ExportFixture build(Path dir, String snapshotter) throws Exception {
    Path rootfs = BusyboxRootfs.create(Files.createDirectories(dir.resolve("rootfs")));
    Files.createDirectories(rootfs.resolve("opq"));
    Files.writeString(rootfs.resolve("opq/old.txt"), "hidden by the opaque dir\n");
    Files.writeString(rootfs.resolve("keep.txt"), "kept\n");
    State built = State.local("rootfs")
        .run(r -> r.args(java.util.List.of("/bin/sh", "-c", RUN))).root()
        .file(FileAction.mkfile("/d/sub/y", 0600, "y\n".getBytes(StandardCharsets.UTF_8)).thenRm("/d/sub/x"));
    var def = built.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
    EngineConfig config = new EngineConfig(dir.resolve("state"), snapshotter);
    String id;
    try (Engine engine = Engine.open(config);
        SolveResult r = engine.solve(def, SolveRequest.of(new BuildInputs(Map.of("rootfs", rootfs), Map.of())))) {
      id = r.snapshotId();
    }
    Worker worker = Worker.open(config);
    Database db = Database.open(config.root().resolve("metadata.db"), KilnSchema.SCHEMA);
    return new ExportFixture(worker, db, id, LayerBlobs.NONE);
  }

  Exporter exporter(TarballFormat format) {
    return new TarballExporter(format, new ImageWriter(layers, worker.content()), worker.content());
  }

  ExportResult export(TarballFormat format, Map<String, String> attrs, Path file, byte[] config) throws IOException {
    ExporterInstance instance = exporter(format).resolve(attrs);
    try (OutputStream out = Files.newOutputStream(file)) {
      return instance.export(ExportInput.of(snapshotId, config), out);
    }
  }

  /** The same through {@link FileExport}: new layers compressed straight into {@code file}. */
  ExportResult exportToFile(TarballFormat format, Map<String, String> attrs, Path file, byte[] config) throws IOException {
    FileExport instance = (FileExport) exporter(format).resolve(attrs);
    return instance.exportToFile(file, ExportInputs.single(ExportInput.of(snapshotId, config)), null);
  }

  @Override
  public void close() throws IOException, java.sql.SQLException {
    db.close();
    worker.close();
  }
}
