package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.exporter.layer.Compression;
import dev.kiln.engine.exporter.layer.LayerBlob;
import dev.kiln.engine.exporter.layer.LayerBlobs;
import dev.kiln.engine.exporter.layer.LayerOptions;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.Worker;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code COPY . /app} shares the bytes of unchanged files between immutable snapshots (hard links;
 * with the overlay driver — the copy driver copies) and never lets a later write reach another
 * snapshot, with both snapshot drivers; a local source links the files it did not see change from
 * its previous snapshot with both. Needs root.
 */
class HardLinkedCopyTest {
  @TempDir Path tmp;

  private Path rootfs;
  private Path ctx;

  private Definition def(State s) {
    return s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
  }

  private SolveRequest request() {
    return SolveRequest.of(new BuildInputs(Map.of("rootfs", rootfs, "ctx", ctx), Map.of()));
  }

  private void prepare() throws Exception {
    rootfs = BusyboxRootfs.create(Files.createDirectories(tmp.resolve("rootfs")));
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.createDirectories(ctx.resolve("sub"));
    Files.writeString(ctx.resolve("a.txt"), "alpha\n");
    Files.writeString(ctx.resolve("sub/b.txt"), "beta\n");
    Files.writeString(ctx.resolve("sub/c.txt"), "gamma\n");
    Thread.sleep(100); // older than a timestamp tick: remembered as unchanged by the next build
  }

  private static State app(State base, State context) {
    return base.file(FileAction.copy(context, "/", "/app/", o -> o.copyDirContentsOnly().createDestPath()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs", "copy"})
  void copyLinksUnchangedFilesAndLaterWritesStayInTheirSnapshot(String snapshotter) throws Exception {
    prepare();
    EngineConfig config = new EngineConfig(tmp.resolve("state"), snapshotter);
    Path snapshots = config.root().resolve("snapshots");
    State base = State.local("rootfs");
    State context = State.local("ctx");
    String local;
    String copied;
    try (Engine engine = Engine.open(config)) {
      try (SolveResult r = engine.solve(def(context), request())) {
        local = r.snapshotId();
      }
      try (SolveResult r = engine.solve(def(app(base, context)), request())) {
        copied = r.snapshotId();
      }
      Path source = snapshots.resolve(local).resolve("fs");
      Path dest = snapshots.resolve(copied).resolve("fs/app");
      if (snapshotter.equals("overlayfs")) {
        assertThat(inode(dest.resolve("a.txt"))).isEqualTo(inode(source.resolve("a.txt")));
        assertThat(inode(dest.resolve("sub/b.txt"))).isEqualTo(inode(source.resolve("sub/b.txt")));
      } else { // full trees are copied whole by the next step, links among their names kept: no sharing
        assertThat(inode(dest.resolve("a.txt"))).isNotEqualTo(inode(source.resolve("a.txt")));
      }
      assertThat(dest.resolve("a.txt")).hasContent("alpha");

      // A RUN that writes the copied files in place (overlay: copy-up; copy driver: a copied tree).
      State run = app(base, context).run(r -> r.args(List.of("/bin/sh", "-c",
          "echo more >> /app/a.txt && chmod 600 /app/sub/b.txt && chown 1000:1000 /app/sub/c.txt"))).root();
      try (SolveResult r = engine.solve(def(run), request()); var t = r.open()) {
        assertThat(t.root().resolve("app/a.txt")).hasContent("alpha\nmore");
      }
      for (Path tree : List.of(source, dest)) {
        assertThat(tree.resolve("a.txt")).hasContent("alpha");
        assertThat(mode(tree.resolve("sub/b.txt"))).isEqualTo("rw-r--r--");
        assertThat(Files.getAttribute(tree.resolve("sub/c.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
      }

      // --chown/--chmod give the files metadata of their own: copies, and the source keeps its own.
      State owned = base.file(FileAction.copy(context, "/", "/owned/",
          o -> o.copyDirContentsOnly().createDestPath().owner(1000, 2000).mode(0600)));
      try (SolveResult r = engine.solve(def(owned), request()); var t = r.open()) {
        Path file = t.root().resolve("owned/sub/b.txt");
        assertThat(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1000);
        assertThat(Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(2000);
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(file).hasContent("beta");
      }
      assertThat(Files.getAttribute(source.resolve("sub/b.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
      assertThat(mode(source.resolve("sub/b.txt"))).isEqualTo("rw-r--r--");

      // One file changes: the new local snapshot copies it and links the others from the previous one.
      Files.writeString(ctx.resolve("a.txt"), "alpha 2\n");
      String local2;
      try (SolveResult r = engine.solve(def(context), request())) {
        local2 = r.snapshotId();
      }
      Path source2 = snapshots.resolve(local2).resolve("fs");
      assertThat(local2).isNotEqualTo(local);
      assertThat(inode(source2.resolve("sub/b.txt"))).isEqualTo(inode(source.resolve("sub/b.txt")));
      assertThat(inode(source2.resolve("a.txt"))).isNotEqualTo(inode(source.resolve("a.txt")));
      assertThat(source2.resolve("a.txt")).hasContent("alpha 2");
      assertThat(source.resolve("a.txt")).hasContent("alpha");
      try (SolveResult r = engine.solve(def(app(base, context)), request())) {
        assertThat(r.cached()).isFalse(); // its key used the digests the local source passed on
      }
    }
    // A new process hashes the new local snapshot itself and finds the same key.
    try (Engine engine = Engine.open(config); SolveResult r = engine.solve(def(app(base, context)), request())) {
      assertThat(r.cached()).isTrue();
    }

    // The exported layer of the copy holds every file's bytes, no link to another snapshot's path.
    try (Worker worker = Worker.open(config);
        Database db = Database.open(config.root().resolve("metadata.db"), KilnSchema.SCHEMA)) {
      Layers layers = new Layers(worker.refs().store(), worker.refs()::view, worker.content(), db, LayerBlobs.NONE);
      Map<String, String> files = regularFiles(worker, layers.layer(copied, new LayerOptions(Compression.GZIP, 0, Optional.empty()), true));
      assertThat(files).containsEntry("app/a.txt", "alpha\n").containsEntry("app/sub/b.txt", "beta\n")
          .containsEntry("app/sub/c.txt", "gamma\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs", "copy"})
  void copyOntoADestinationWithLowerLayerContentMergesAndCoversIt(String snapshotter) throws Exception {
    prepare();
    Files.createDirectories(ctx.resolve("new/deeper"));
    Files.writeString(ctx.resolve("new/deeper/d.txt"), "delta\n");
    Thread.sleep(100);
    EngineConfig config = new EngineConfig(tmp.resolve("state"), snapshotter);
    Path snapshots = config.root().resolve("snapshots");
    State context = State.local("ctx");
    // /app/sub exists below with a file the copy replaces and one it leaves alone.
    State base = State.local("rootfs").file(FileAction.mkdir("/app/sub", 0700, o -> o.parents(true))
        .thenMkfile("/app/sub/b.txt", 0600, "old beta\n".getBytes(StandardCharsets.UTF_8))
        .thenMkfile("/app/sub/kept.txt", 0644, "kept\n".getBytes(StandardCharsets.UTF_8)));
    try (Engine engine = Engine.open(config)) {
      String local;
      try (SolveResult r = engine.solve(def(context), request())) {
        local = r.snapshotId();
      }
      String copied;
      try (SolveResult r = engine.solve(def(app(base, context)), request()); var t = r.open()) {
        copied = r.snapshotId();
        Path app = t.root().resolve("app");
        assertThat(app.resolve("sub/b.txt")).hasContent("beta");
        assertThat(mode(app.resolve("sub/b.txt"))).isEqualTo("rw-r--r--");
        assertThat(app.resolve("sub/kept.txt")).hasContent("kept");
        assertThat(app.resolve("sub/c.txt")).hasContent("gamma");
        assertThat(app.resolve("new/deeper/d.txt")).hasContent("delta");
        assertThat(app.resolve("a.txt")).hasContent("alpha");
      }
      Path source = snapshots.resolve(local).resolve("fs");
      Path dest = snapshots.resolve(copied).resolve("fs/app");
      if (snapshotter.equals("overlayfs")) { // linked in directories below and in new ones alike
        for (String f : List.of("a.txt", "sub/b.txt", "sub/c.txt", "new/deeper/d.txt")) {
          assertThat(inode(dest.resolve(f))).as(f).isEqualTo(inode(source.resolve(f)));
        }
        assertThat(dest.resolve("sub/kept.txt")).doesNotExist(); // still only in the layer below
      }
      State run = app(base, context).run(r -> r.args(List.of("/bin/sh", "-c",
          "echo more >> /app/new/deeper/d.txt && echo more >> /app/sub/b.txt"))).root();
      try (SolveResult r = engine.solve(def(run), request()); var t = r.open()) {
        assertThat(t.root().resolve("app/new/deeper/d.txt")).hasContent("delta\nmore");
        assertThat(t.root().resolve("app/sub/b.txt")).hasContent("beta\nmore");
      }
      assertThat(source.resolve("new/deeper/d.txt")).hasContent("delta");
      assertThat(source.resolve("sub/b.txt")).hasContent("beta");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs", "copy"})
  void twoCopiesOfOneFileStaySeparateFiles(String snapshotter) throws Exception {
    prepare();
    State context = State.local("ctx");
    State twice = State.local("rootfs")
        .file(FileAction.copy(context, "/a.txt", "/x.txt"))
        .file(FileAction.copy(context, "/a.txt", "/y.txt"))
        .run(r -> r.args(List.of("/bin/sh", "-c", "echo more >> /x.txt"))).root();
    try (Engine engine = Engine.open(new EngineConfig(tmp.resolve("state"), snapshotter));
        SolveResult r = engine.solve(def(twice), request()); var t = r.open()) {
      assertThat(t.root().resolve("x.txt")).hasContent("alpha\nmore");
      assertThat(t.root().resolve("y.txt")).hasContent("alpha");
    }
  }

  private static long inode(Path p) throws Exception {
    return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  /** Regular files of a layer by name; a hardlink entry fails the test. */
  private static Map<String, String> regularFiles(Worker worker, LayerBlob layer) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = new java.util.zip.GZIPInputStream(worker.content().open(layer.blob().digest()));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        assertThat(e.isLink()).as("hardlink entry %s → %s", e.getName(), e.getLinkName()).isFalse();
        if (e.isFile()) out.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
