package dev.kiln.engine;

import dev.kiln.engine.gc.GcPolicy;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds steps of many small files, then prunes them all, announcing each removal; killed by the test. */
public final class GcCrashVictim {
  static final int STEPS = 8;

  private GcCrashVictim() {}

  static State step(int n) {
    return State.local("rootfs").run(r -> r.shlex("sh -c 'mkdir /d && cd /d && seq 4000 | xargs touch && echo " + n + " > /n'")).root();
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    BuildInputs inputs = new BuildInputs(Map.of("rootfs", Path.of(args[1])), Map.of());
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      for (int i = 0; i < STEPS; i++) {
        engine.solve(step(i).marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")),
            SolveRequest.of(inputs)).close();
      }
      System.out.println("BUILT");
      System.out.flush();
      engine.prune(List.of(GcPolicy.everything(List.of(), true)), r -> {
        System.out.println("REMOVED " + r.id());
        System.out.flush();
      });
      System.out.println("PRUNED");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
