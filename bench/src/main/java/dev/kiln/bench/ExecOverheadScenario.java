package dev.kiln.bench;

import static dev.kiln.bench.Timing.median;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.NetworkMode;
import dev.kiln.engine.executor.RootFs;
import dev.kiln.engine.executor.oci.EtcFiles;
import dev.kiln.engine.executor.oci.Mounts;
import dev.kiln.engine.executor.oci.RuntimeSpec;
import dev.kiln.engine.executor.oci.SpecBuilder;
import dev.kiln.engine.executor.oci.UserLookup;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.progress.VertexEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-RUN overhead of a trivial {@code true} step, side by side with a raw {@code runc run} of the
 * same bundle. Target: Kiln ≤ 1.2× raw runc. Needs root, runc and {@code /bin/busybox}.
 *
 * <p>Two raw references run alternately with Kiln. The target's is <b>the same bundle</b>, as
 * BuildKit's OCI worker would hand it to runc: the {@code config.json} Kiln's executor writes for
 * this step (made by the same spec builder) over an overlay mount of the rootfs like the engine's
 * snapshot, mounted before the timing starts and unmounted after it ends, so only {@code runc run}
 * is timed; everything Kiln does around runc (snapshot, mounts, spec, commit, cache record) is its
 * overhead. The second is runc's own default bundle ({@code runc spec}) on a plain directory: runc
 * runs it faster, as it skips the overlay (and slower, as it makes a network namespace).
 *
 * <p>Two figures: the RUN step as its progress reports it (from the step's start — snapshot
 * prepared and mounted — through the container's run to its outputs committed: what BuildKit's
 * progress shows as the step's time, "container start to exit, mounts included"), and the whole
 * {@code Engine.solve} around it (also the local source's check, the graph and cache keys).
 *
 * <p>The two sides alternate run by run, so that load from other processes hits both alike, and the
 * report splits the pairs into windows: a fresh engine's first 30 solves, the next 100, and the
 * steady state after the warm-up. A fresh JVM interprets the solve path and compiles it while it
 * runs: on a 2-core machine the compiler threads take CPU from runc for the first few hundred
 * solves. The steady state is what a long-running daemon pays per exec.
 * Usage: {@code ExecOverheadScenario WORKDIR [runs, default 200] [warmups, default 800]}.
 */
public final class ExecOverheadScenario {
  private static final Path RUNC = Path.of("/usr/sbin/runc");

  private ExecOverheadScenario() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 800;
    Path rootfs = busybox(work.resolve("rootfs"));
    Path bundle = rawBundle(work, rootfs);
    SameBundle same = new SameBundle(work, rootfs);
    System.out.printf("RUN true: %d rounds (Kiln step; raw runc run of the same bundle; of runc's default"
        + " bundle), in rotating order; load average %s%n", warmups + runs, loadAverage());
    try (KilnSide kiln = new KilnSide(work)) {
      List<Pair> pairs = new ArrayList<>();
      long kilnCpu = 0;
      for (int i = 0; i < warmups + runs; i++) {
        long[] t = new long[3];
        for (int k = 0; k < 3; k++) {
          switch ((i + k) % 3) {
            case 0 -> {
              long cpu = processCpuNanos();
              t[0] = kiln.once();
              if (i >= warmups) kilnCpu += processCpuNanos() - cpu;
            }
            case 1 -> t[1] = same.once("same-" + i);
            default -> t[2] = rawOnce(work, bundle, "run-" + i);
          }
        }
        pairs.add(new Pair(kiln.lastStep(), t[0], t[1], t[2]));
      }
      long cpuPerSolve = kilnCpu / runs;
      int fresh = Math.min(30, warmups);
      report("fresh engine, solves 1-" + fresh, pairs.subList(0, fresh));
      if (warmups > fresh) report("solves " + (fresh + 1) + "-" + Math.min(warmups, 130), pairs.subList(fresh, Math.min(warmups, 130)));
      report("steady state, the last " + runs + " after " + warmups, pairs.subList(warmups, pairs.size()));
      System.out.printf("  JVM CPU per solve in the steady state %.1f ms; load average now %s%n",
          cpuPerSolve / 1e6, loadAverage());
    }
  }

  /** One Kiln solve and the raw runs beside it, in nanoseconds. */
  private record Pair(long step, long solve, long same, long raw) {}

  private static void report(String window, List<Pair> pairs) {
    long step = median(pairs.stream().map(Pair::step).toList());
    long solve = median(pairs.stream().map(Pair::solve).toList());
    long same = median(pairs.stream().map(Pair::same).toList());
    long raw = median(pairs.stream().map(Pair::raw).toList());
    System.out.printf("  %s: step %.1f ms; raw runc run of the same bundle %.1f ms, ratio %.2f (target <= 1.2),"
            + " whole solve %.2f; of runc's default bundle %.1f ms, ratio %.2f, whole solve %.2f%n",
        window, step / 1e6, same / 1e6, (double) step / same, (double) solve / same,
        raw / 1e6, (double) step / raw, (double) solve / raw);
  }

  /** One engine over the whole measurement, solving the same ignore-cache step each time. */
  private static final class KilnSide implements AutoCloseable {
    private final Engine engine;
    private final Definition def;
    private final SolveRequest request;
    /** The last exec step's time as its progress reported it: started to completed. */
    private volatile long lastStep;

    KilnSide(Path work) throws Exception {
      State step = State.local("rootfs").run(r -> r.args("/bin/true").ignoreCache()).root();
      this.def = step.marshal(
          MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("bench"));
      this.request = SolveRequest.of(new BuildInputs(Map.of("rootfs", work.resolve("rootfs")), Map.of()))
          .withListener(event -> {
            if (event.event() instanceof VertexEvent.Completed(Instant started, Instant done)
                && event.vertex().name().contains("/bin/true")) {
              lastStep = Duration.between(started, done).toNanos();
            }
          });
      this.engine = Engine.open(EngineConfig.at(work.resolve("state")));
    }

    long lastStep() {
      return lastStep;
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

  /**
   * The bundle Kiln's executor writes for this step, made by its spec builder from the same inputs
   * (the step's process, root user, the generated /etc/hosts and /etc/resolv.conf bound read-only,
   * a cgroup under {@code kiln/}), whose rootfs is an overlay like the engine's: the rootfs
   * directory below a layer holding the two mount points, index off, volatile, a fresh upper each run.
   */
  private static final class SameBundle {
    private final Path dir;
    private final Path mountPoint;
    private final String lowerDirs;
    private final Path runcRoot;

    SameBundle(Path work, Path rootfs) throws Exception {
      dir = Files.createDirectories(work.resolve("same-bundle"));
      mountPoint = Files.createDirectories(dir.resolve("rootfs"));
      runcRoot = work.resolve("runc-state");
      Meta meta = Meta.builder("/bin/true").network(NetworkMode.HOST).build(); // LLB's default network
      List<RuntimeSpec.Mount> mounts = List.of(
          etcFile("hosts", EtcFiles.hosts(meta.hostname(), List.of())),
          etcFile("resolv.conf", EtcFiles.resolvConf()));
      lowerDirs = dir.resolve("mount-points") + ":" + rootfs;
      RuntimeSpec spec = SpecBuilder.build(meta, RootFs.readWrite(mountPoint), UserLookup.lookup(rootfs, meta.user()),
          mounts, "kiln/bench-same-bundle", List.of());
      Files.write(dir.resolve("config.json"), SpecBuilder.toJson(spec));
    }

    /** The generated file bound read-only over /etc/NAME, and its mount point in the stub layer. */
    private RuntimeSpec.Mount etcFile(String name, String content) throws IOException {
      Path file = Files.createDirectories(dir.resolve("etc-files")).resolve(name);
      Files.writeString(file, content);
      Files.writeString(Files.createDirectories(dir.resolve("mount-points/etc")).resolve(name), "");
      return Mounts.readonlyFile("/etc/" + name, file);
    }

    /** Nanoseconds of one {@code runc run}, from spawn to exit; the overlay's mount is not timed. */
    long once(String id) throws Exception {
      Path upper = Files.createDirectories(dir.resolve("uppers").resolve(id));
      Files.createDirectories(upper.resolve("fs"));
      Files.createDirectories(upper.resolve("work"));
      dev.kiln.engine.sys.Mounts.mount("overlay", mountPoint, "overlay", 0, "lowerdir=" + lowerDirs
          + ",upperdir=" + upper.resolve("fs") + ",workdir=" + upper.resolve("work") + ",index=off,volatile");
      try {
        long start = System.nanoTime();
        run(dir, List.of(RUNC.toString(), "--root", runcRoot.toString(), "run", "--bundle", dir.toString(), id));
        return System.nanoTime() - start;
      } finally {
        dev.kiln.engine.sys.Mounts.umount(mountPoint, 0);
        Trees.deleteRecursively(upper);
      }
    }
  }

  /** Nanoseconds of one {@code runc run} of the raw bundle, from spawn to exit. */
  private static long rawOnce(Path work, Path bundle, String id) throws Exception {
    long start = System.nanoTime();
    run(bundle, List.of(RUNC.toString(), "--root", work.resolve("runc-state").toString(), "run", "--bundle",
        bundle.toString(), id));
    return System.nanoTime() - start;
  }

  /**
   * CPU time of this JVM's threads (not of runc, its child). Read around each Kiln solve only: the
   * raw sides run in between, never beside it.
   */
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
