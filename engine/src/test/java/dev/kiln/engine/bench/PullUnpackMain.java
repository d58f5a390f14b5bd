package dev.kiln.engine.bench;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pulls and unpacks one image into a fresh engine state, for {@code bench/pull-unpack.sh}: prints
 * the time from opening the engine to the committed snapshot, and when each download and extraction
 * started (ms after the JVM started) and how long it took. Usage: {@code STATE_DIR REF
 * [auto|overlayfs|copy]}.
 */
public final class PullUnpackMain {
  private PullUnpackMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: PullUnpackMain STATE_DIR IMAGE_REF [auto|overlayfs|copy]");
      System.exit(2);
    }
    long start = System.nanoTime();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    try (Engine engine = Engine.open(new EngineConfig(Path.of(args[0]), args.length > 2 ? args[2] : "auto"));
        SolveResult r = engine.solve(State.image(args[1]).marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64)),
            SolveRequest.of(BuildInputs.NONE))) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("kiln: %s pulled and unpacked in %d ms, %d ms after the JVM started (%s, %d blobs downloaded, %d layers unpacked, snapshot %s)%n",
          args[1], ms, System.currentTimeMillis() - jvmStart, engine.snapshotter(), engine.imageStats().downloads(), engine.imageStats().unpacks(), r.snapshotId());
      for (VertexEvent.Status s : finished(r)) {
        System.out.printf("  %-80s at %6d ms, %6d ms%n", s.id(), s.started().toEpochMilli() - jvmStart,
            Duration.between(s.started(), s.completed()).toMillis());
      }
    }
  }

  /** The last report of each progress counter that completed: downloads and extractions. */
  private static Collection<VertexEvent.Status> finished(SolveResult r) {
    Map<String, VertexEvent.Status> last = new LinkedHashMap<>();
    for (ProgressEvent e : r.progress()) {
      if (e.event() instanceof VertexEvent.Status s && s.completed() != null) last.put(s.id(), s);
    }
    return last.values();
  }
}
