package dev.kiln.engine;

import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.file.Path;
import java.util.Map;

/** Runs a build whose RUN step sleeps, announcing when the container started; killed by the test. */
public final class CrashVictim {
  private CrashVictim() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path rootfs = Path.of(args[1]);
    State slow = State.local("rootfs").run(r -> r.shlex("sh -c 'echo partial > /partial; echo started; sleep 60'")).root();
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      engine.solve(slow.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")),
          SolveRequest.of(new BuildInputs(Map.of("rootfs", rootfs), Map.of())).withListener(e -> {
            if (e.event() instanceof VertexEvent.Log) {
              System.out.println("RUNNING");
              System.out.flush();
            }
          }));
    }
  }
}
