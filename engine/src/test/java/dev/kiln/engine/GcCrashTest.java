package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.gc.UsageRecord;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
    Process victim = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        GcCrashVictim.class.getName(), root.toString(), rootfs.toString()))
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("REMOVED")) {
        // wait until the collector removed its first snapshot
      }
      assertThat(line).as("the victim started collecting").isNotNull();
      victim.destroyForcibly();
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    BuildInputs inputs = new BuildInputs(Map.of("rootfs", rootfs), Map.of());
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      Set<String> recorded = engine.diskUsage(List.of()).stream().map(UsageRecord::id).collect(Collectors.toSet());
      try (var dirs = Files.list(root.resolve("snapshots"))) {
        assertThat(dirs.map(d -> d.getFileName().toString()).collect(Collectors.toSet())).isEqualTo(recorded);
      }
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
