package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed while the collector removes snapshots leaves a consistent store: every record
 * has its files, no files lack a record, and every step builds again (from the cache or anew).
 * Needs root and runc.
 */
class GcCrashTest {
  @TempDir Path tmp;

  @Test
  void aProcessKilledDuringCollectionLeavesAConsistentStore() throws Exception {
    Path root = tmp.resolve("state");
    Path rootfs = BusyboxRootfs.create(Files.createDirectories(tmp.resolve("rootfs")));
    // Killed once the collector has removed its first snapshot: somewhere in the middle of its work.
    Victim.killWhenItSays(GcCrashVictim.class, "REMOVED", root.toString(), rootfs.toString());
    BuildInputs inputs = new BuildInputs(Map.of("rootfs", rootfs), Map.of());
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      StoreConsistency.check(engine, root);
      for (int i = 0; i < GcCrashVictim.STEPS; i++) {
        try (SolveResult r = engine.solve(GcCrashVictim.step(i).marshal(
                MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")), SolveRequest.of(inputs));
            MountedTree t = r.open()) {
          assertThat(t.root().resolve("n")).hasContent(String.valueOf(i));
          try (var files = Files.list(t.root().resolve("d"))) {
            assertThat(files.count()).isEqualTo(4000);
          }
        }
      }
    }
  }
}
