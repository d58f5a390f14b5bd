package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process killed while exporting a cache to a local directory, or while importing one, loses
 * nothing committed before: the next start sweeps what it half-wrote, the store is consistent,
 * builds succeed, and the cache directory still holds the previous export, importable. Needs root
 * and runc.
 */
class CacheCrashTest {
  @TempDir Path tmp;
  private Path rootfs;
  private Path cache;

  @BeforeEach
  void setUp() throws Exception {
    rootfs = BusyboxRootfs.create(Files.createDirectories(tmp.resolve("rootfs")));
    cache = tmp.resolve("cache");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cache", "content"})
  void aProcessKilledDuringACacheExportKeepsThePreviousExport(String whileWriting) throws Exception {
    Path root = tmp.resolve("state");
    Path before = tmp.resolve("index-after-a.json");
    Victim.killWhenItSays(CacheExportCrashVictim.class, "EXPORTING", root.toString(), rootfs.toString(), cache.toString(),
        before.toString(), whileWriting);
    byte[] index = Files.readAllBytes(cache.resolve("index.json"));
    assertThat(index).as("index.json after the killed export").isEqualTo(Files.readAllBytes(before));
    if (whileWriting.equals("cache")) {
      assertThat(StoreConsistency.names(cache.resolve("blobs/sha256"))).as("a half-copied blob").anyMatch(n -> n.startsWith(".ingest-"));
    } else {
      assertThat(StoreConsistency.names(root.resolve("content/ingest"))).as("a half-compressed layer").isNotEmpty();
    }

    // The previous export is intact: a fresh root imports it and runs no step of "a"; "b" never landed.
    assertThat(ranSteps(tmp.resolve("fresh"), CacheCrashBuilds.A)).isZero();
    assertThat(ranSteps(tmp.resolve("fresh2"), CacheCrashBuilds.B)).isEqualTo(CacheCrashBuilds.STEPS);

    // The killed root starts clean, builds, and the next export to the directory sweeps the leftovers.
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      StoreConsistency.check(engine, root);
      try (SolveResult r = engine.solve(CacheCrashBuilds.B, CacheCrashBuilds.request(rootfs))) {
        assertThat(engine.exportCache(r, CacheCrashBuilds.exportTo(cache))).isPresent();
      }
    }
    assertThat(Files.readAllBytes(cache.resolve("index.json"))).isNotEqualTo(index);
    assertThat(StoreConsistency.names(cache.resolve("blobs/sha256"))).allMatch(n -> n.matches("[0-9a-f]{64}"));
    assertThat(ranSteps(tmp.resolve("fresh3"), CacheCrashBuilds.B)).isZero();
  }

  @Test
  void aProcessKilledDuringACacheImportLeavesAStoreThatImportsAgain() throws Exception {
    try (Engine exporter = Engine.open(EngineConfig.at(tmp.resolve("exporter")));
        SolveResult r = exporter.solve(CacheCrashBuilds.A, CacheCrashBuilds.request(rootfs))) {
      exporter.exportCache(r, CacheCrashBuilds.exportTo(cache));
    }
    Path root = tmp.resolve("state");
    Victim.killWhenItSays(CacheImportCrashVictim.class, "IMPORTING", root.toString(), rootfs.toString(), cache.toString());
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      StoreConsistency.check(engine, root);
    }
    assertThat(ranSteps(root, CacheCrashBuilds.A)).isZero();
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      StoreConsistency.check(engine, root);
    }
  }

  /** Builds {@code build} on {@code root} importing the cache directory; returns how many RUN steps ran. */
  private int ranSteps(Path root, Definition build) throws Exception {
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.open(EngineConfig.at(root));
        SolveResult r = engine.solve(build, CacheCrashBuilds.request(rootfs)
            .withCacheImports(CacheCrashBuilds.importFrom(cache)).withListener(events::add))) {
      assertThat(r.snapshotId()).isNotEmpty();
    }
    return (int) events.stream().filter(e -> e.event() instanceof VertexEvent.Started && e.vertex().name().startsWith("sh -c"))
        .count();
  }
}
