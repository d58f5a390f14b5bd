package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.exporter.layer.Compression;
import dev.kiln.engine.exporter.layer.LayerBlob;
import dev.kiln.engine.exporter.layer.LayerBlobs;
import dev.kiln.engine.exporter.layer.LayerOptions;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.engine.snapshot.MountedTree;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BuildKit's diff/merge algebra: {@code Merge(A, Diff(A, B)) == B}, removals included. */
class DiffMergeTest {
  @TempDir Path tmp;

  private static final State BASE = State.scratch().file(FileAction.mkdir("/etc", 0755)
      .thenMkfile("/etc/keep", 0644, bytes("keep")).thenMkfile("/etc/gone", 0644, bytes("gone"))
      .thenMkdir("/dir", 0755).thenMkfile("/dir/f", 0644, bytes("f")));
  private static final State UPPER = BASE.file(FileAction.rm("/etc/gone").thenRm("/dir")
      .thenMkfile("/new", 0600, bytes("new")));
  private static final State DIFF = State.diff(BASE, UPPER);

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs", "copy"})
  void aDiffMergedOntoItsLowerRemovesWhatTheUpperRemoved(String snapshotter) throws Exception {
    try (Engine engine = Engine.open(new EngineConfig(tmp.resolve("state"), snapshotter))) {
      try (SolveResult r = solve(engine, State.merge(List.of(BASE, DIFF))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("etc/keep")).hasContent("keep");
        assertThat(t.root().resolve("etc/gone")).doesNotExist();
        assertThat(t.root().resolve("dir")).doesNotExist();
        assertThat(t.root().resolve("new")).hasContent("new");
      }
      try (SolveResult r = solve(engine, DIFF); MountedTree t = r.open()) {
        assertThat(t.root().resolve("new")).hasContent("new");
        assertThat(t.root().resolve("etc")).isDirectory(); // on the way to a removal
        assertThat(t.root().resolve("etc/keep")).doesNotExist();
        assertThat(t.root().resolve("etc/gone")).doesNotExist();
      }
      // A diff to scratch removes everything the lower had.
      try (SolveResult r = solve(engine, State.merge(List.of(BASE, State.diff(BASE, State.scratch()))));
          MountedTree t = r.open()) {
        assertThat(t.root().toFile().list()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs", "copy"})
  void exportedDiffsAndMergesOfDiffsCarryWhiteouts(String snapshotter) throws Exception {
    EngineConfig config = new EngineConfig(tmp.resolve("state"), snapshotter);
    State other = State.scratch().file(FileAction.mkfile("/other", 0644, bytes("o")));
    String diff;
    String merged;
    String remade;
    try (Engine engine = Engine.open(config)) {
      try (SolveResult r = solve(engine, DIFF)) {
        diff = r.snapshotId();
      }
      try (SolveResult r = solve(engine, State.merge(List.of(other, DIFF)))) {
        merged = r.snapshotId();
      }
      // A later input that re-creates a removed path cancels its removal.
      State again = State.scratch().file(FileAction.mkdir("/dir", 0755));
      try (SolveResult r = solve(engine, State.merge(List.of(DIFF, again)))) {
        remade = r.snapshotId();
      }
    }
    try (Worker worker = Worker.open(config);
        Database db = Database.open(config.root().resolve("metadata.db"), KilnSchema.SCHEMA)) {
      Layers layers = new Layers(worker.refs().store(), worker.refs()::view, worker.content(), db, LayerBlobs.NONE);
      LayerOptions plain = new LayerOptions(Compression.UNCOMPRESSED, 0, Optional.empty());
      assertThat(names(worker, layers.layer(diff, plain, true)))
          .containsExactly(".wh.dir", "etc/", "etc/.wh.gone", "new");
      assertThat(names(worker, layers.layer(merged, plain, true)))
          .containsExactly(".wh.dir", "etc/", "etc/.wh.gone", "new", "other");
      assertThat(names(worker, layers.layer(remade, plain, true)))
          .containsExactly("dir/", "etc/", "etc/.wh.gone", "new");
    }
  }

  private static List<String> names(Worker worker, LayerBlob layer) throws Exception {
    List<String> names = new ArrayList<>();
    try (InputStream in = worker.content().open(layer.blob().digest());
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) names.add(e.getName());
    }
    return names;
  }

  private static SolveResult solve(Engine engine, State s) throws Exception {
    Definition def = s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64));
    return engine.solve(def, SolveRequest.of(BuildInputs.NONE));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
