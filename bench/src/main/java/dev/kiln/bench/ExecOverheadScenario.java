package dev.kiln.bench;

import static dev.kiln.bench.Timing.median;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-RUN overhead of a trivial {@code true} step through the whole engine (snapshot prepared and
 * mounted, container run, result committed), side by side with a raw {@code runc run} of an
 * equivalent bundle. Target: Kiln ≤ 1.2× raw runc. Needs root, runc and {@code /bin/busybox}.
 *
 * <p>Both sides warm up first (the engine is a long-running daemon: a fresh JVM interprets and
 * compiles the solve path for its first few dozen solves, which on a 2-core machine also steals
 * CPU from runc), then alternate run by run so that load from other processes hits both alike.
 * Usage: {@code ExecOverheadScenario WORKDIR [runs] [warmups]}.
 */
public final class ExecOverheadScenario {
  private static final Path RUNC = Path.of("/usr/sbin/runc");

  private ExecOverheadScenario() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Path rootfs = busybox(work.resolve("rootfs"));
    Path bundle = rawBundle(work, rootfs);
    String loadBefore = loadAverage();
    try (KilnSide kiln = new KilnSide(work)) {
      List<Long> coldKiln = new ArrayList<>();
      for (int i = 0; i < warmups; i++) {
        coldKiln.add(kiln.once());
        rawOnce(work, bundle, "warm-" + i);
      }
      List<Long> kilnTimes = new ArrayList<>();
      List<Long> rawTimes = new ArrayList<>();
      long cpuBefore = processCpuNanos();
      for (int i = 0; i < runs; i++) {
        if (i % 2 == 0) {
          kilnTimes.add(kiln.once());
          rawTimes.add(rawOnce(work, bundle, "bench-" + i));
        } else {
          rawTimes.add(rawOnce(work, bundle, "bench-" + i));
          kilnTimes.add(kiln.once());
        }
      }
      long cpuPerSolve = (processCpuNanos() - cpuBefore) / runs;
      long k = median(kilnTimes);
      long r = median(rawTimes);
      System.out.printf(
          "RUN true: kiln median %.1f ms, raw runc run median %.1f ms, ratio %.2f (target <= 1.2);"
              + " %d runs after %d warm-ups, alternating; load average %s -> %s;"
              + " kiln's first %d solves (fresh JVM) median %.1f ms; JVM CPU per solve %.1f ms%n",
          k / 1e6, r / 1e6, (double) k / r, runs, warmups, loadBefore, loadAverage(),
          Math.min(3, coldKiln.size()), coldKiln.isEmpty() ? 0.0 : median(coldKiln.subList(0, Math.min(3, coldKiln.size()))) / 1e6,
          cpuPerSolve / 1e6);
    }
  }

  /** One engine over the whole measurement, solving the same ignore-cache step each time. */
  private static final class KilnSide implements AutoCloseable {
    private final Engine engine;
    private final Definition def;
    private final SolveRequest request;

    KilnSide(Path work) throws Exception {
      State step = State.local("rootfs").run(r -> r.args("/bin/true").ignoreCache()).root();
      this.def = step.marshal(
          MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("bench"));
      this.request = SolveRequest.of(new BuildInputs(Map.of("rootfs", work.resolve("rootfs")), Map.of()));
      this.engine = Engine.open(EngineConfig.at(work.resolve("state")));
    }

    /** Nanoseconds of one solve, result released. */
    long once() throws Exception {
      long start = System.nanoTime();
      try (SolveResult r = engine.solve(def, request)) {
        return System.nanoTime() - start;
      }
    }

    @Override
    public void close() throws Exception {
      engine.close();
    }
  }

  private static Path rawBundle(Path work, Path rootfs) throws Exception {
    Path bundle = Files.createDirectories(work.resolve("bundle"));
    Files.deleteIfExists(bundle.resolve("config.json"));
    run(bundle, List.of(RUNC.toString(), "spec"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode spec = (ObjectNode) json.readTree(bundle.resolve("config.json").toFile());
    ObjectNode process = (ObjectNode) spec.get("process");
    process.put("terminal", false);
    ArrayNode argv = process.putArray("args");
    argv.add("/bin/true");
    ((ObjectNode) spec.get("root")).put("path", rootfs.toString()).put("readonly", false);
    json.writeValue(bundle.resolve("config.json").toFile(), spec);
    return bundle;
  }

  /** Nanoseconds of one {@code runc run} of the raw bundle, from spawn to exit. */
  private static long rawOnce(Path work, Path bundle, String id) throws Exception {
    long start = System.nanoTime();
    run(bundle, List.of(RUNC.toString(), "--root", work.resolve("runc-state").toString(), "run", "--bundle",
        bundle.toString(), id));
    return System.nanoTime() - start;
  }

  /** CPU time of this JVM's threads (not of runc, its child); the raw side spends almost none. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static Path busybox(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    if (!Files.exists(bin.resolve("busybox"))) {
      Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
      for (String applet : List.of("sh", "true")) Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(dir.resolve("etc/group"), "root:x:0:\n");
    return dir;
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (p.waitFor() != 0) throw new IOException("command failed: " + command);
  }
}
