package dev.kiln.bench;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Per-RUN overhead of a trivial {@code true} step through the whole engine (snapshot prepared and
 * mounted, container run, result committed), side by side with a raw {@code runc run} of an
 * equivalent bundle. Target: Kiln ≤ 1.2× raw runc. Needs root, runc and {@code /bin/busybox}.
 * Usage: {@code ExecOverheadScenario WORKDIR [runs]}.
 */
public final class ExecOverheadScenario {
  private static final Path RUNC = Path.of("/usr/sbin/runc");

  private ExecOverheadScenario() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path rootfs = busybox(work.resolve("rootfs"));
    long raw = rawRunc(work, rootfs, runs);
    long kiln = kilnRun(work, rootfs, runs);
    System.out.printf("RUN true: kiln median %d ms, raw runc run median %d ms, ratio %.2f (target <= 1.2)%n",
        kiln, raw, (double) kiln / raw);
  }

  private static long kilnRun(Path work, Path rootfs, int runs) throws Exception {
    State step = State.local("rootfs").run(r -> r.args("/bin/true").ignoreCache()).root();
    Definition def = step.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("bench"));
    SolveRequest request = SolveRequest.of(new BuildInputs(Map.of("rootfs", rootfs), Map.of()));
    List<Long> times = new ArrayList<>();
    try (Engine engine = Engine.open(EngineConfig.at(work.resolve("state")))) {
      for (int i = 0; i < runs + 3; i++) {
        long start = System.nanoTime();
        try (SolveResult r = engine.solve(def, request)) {
          if (i >= 3) times.add((System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    return median(times);
  }

  private static long rawRunc(Path work, Path rootfs, int runs) throws Exception {
    Path bundle = Files.createDirectories(work.resolve("bundle"));
    run(bundle, List.of(RUNC.toString(), "spec"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode spec = (ObjectNode) json.readTree(bundle.resolve("config.json").toFile());
    ObjectNode process = (ObjectNode) spec.get("process");
    process.put("terminal", false);
    ArrayNode argv = process.putArray("args");
    argv.add("/bin/true");
    ((ObjectNode) spec.get("root")).put("path", rootfs.toString()).put("readonly", false);
    json.writeValue(bundle.resolve("config.json").toFile(), spec);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs + 3; i++) {
      long start = System.nanoTime();
      run(bundle, List.of(RUNC.toString(), "--root", work.resolve("runc-state").toString(), "run", "--bundle",
          bundle.toString(), "bench-" + i));
      if (i >= 3) times.add((System.nanoTime() - start) / 1_000_000);
    }
    return median(times);
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

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
