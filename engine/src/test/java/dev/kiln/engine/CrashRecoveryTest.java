package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed in the middle of a RUN step leaves a store the next start can clean: no active
 * snapshots, no containers, and the next build succeeds. Needs root and runc.
 */
class CrashRecoveryTest {
  @TempDir Path tmp;

  @Test
  void aKilledBuildLeavesNothingBehind() throws Exception {
    Path root = tmp.resolve("state");
    Path rootfs = BusyboxRootfs.create(Files.createDirectories(tmp.resolve("rootfs")));
    Victim.killWhenItSays(CrashVictim.class, "RUNNING", root.toString(), rootfs.toString());
    // The container outlives the JVM until the next start sweeps it.
    State next = State.local("rootfs").run(r -> r.shlex("sh -c 'echo ok > /after'")).root();
    try (Engine engine = Engine.open(EngineConfig.at(root));
        SolveResult r = engine.solve(next.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")),
            SolveRequest.of(new BuildInputs(Map.of("rootfs", rootfs), Map.of())));
        MountedTree t = r.open()) {
      assertThat(t.root().resolve("after")).hasContent("ok");
      assertThat(t.root().resolve("partial")).doesNotExist();
    }
    try (var dirs = Files.list(root.resolve("tmp"))) {
      assertThat(dirs.toList()).isEmpty();
    }
  }
}
