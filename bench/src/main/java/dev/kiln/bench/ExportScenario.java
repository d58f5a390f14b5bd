package dev.kiln.bench;

import static dev.kiln.bench.Timing.median;
import static dev.kiln.bench.Timing.run;
import static dev.kiln.bench.Timing.time;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.ExportInputs;
import dev.kiln.engine.exporter.FileExport;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Exporting a 1 GiB single-layer image (half random bytes, half compressible text) to an OCI
 * tarball with gzip, side by side with {@code tar | gzip} and {@code tar | pigz} of the same tree
 * at the same level (6). Each Kiln run uses a fresh state, so the layer is really written (not taken
 * from the layer cache); only the export is timed. Usage: {@code ExportScenario WORKDIR [runs]}.
 */
public final class ExportScenario {
  private static final int FILES = 64;
  private static final int FILE_SIZE = 16 << 20;

  private ExportScenario() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path tree = work.resolve("tree");
    generate(tree);
    System.out.printf("image: one layer of %d files, %.2f GiB, half compressible%n", FILES, FILES * (double) FILE_SIZE / (1 << 30));
    List<Long> kiln = new ArrayList<>();
    List<Long> gzip = new ArrayList<>();
    List<Long> pigz = new ArrayList<>();
    List<Double> kilnCpu = new ArrayList<>();
    List<Double> gzipCpu = new ArrayList<>();
    List<Double> pigzCpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      kiln.add(kilnExport(work.resolve("state" + i), tree, work.resolve("image.tar"), kilnCpu));
      gzip.add(time(() -> gzipCpu.add(shellCpu("tar -cf - -C " + tree + " . | gzip -6 > " + work.resolve("tree.tar.gz")))));
      pigz.add(time(() -> pigzCpu.add(shellCpu("tar -cf - -C " + tree + " . | pigz -6 > " + work.resolve("tree.tar.gz")))));
    }
    // CPU seconds depend far less on the neighbours' load than wall time does.
    System.out.printf("cpu seconds: kiln %s, tar|gzip %s, tar|pigz %s%n", kilnCpu, gzipCpu, pigzCpu);
    long k = median(kiln);
    long g = median(gzip);
    long p = median(pigz);
    System.out.printf("kiln oci export: median %d ms (%s)%n", k, kiln);
    System.out.printf("tar | gzip:      median %d ms (%s) -> kiln is %.2fx faster (target >= 1.5x)%n", g, gzip, (double) g / k);
    System.out.printf("tar | pigz:      median %d ms (%s) -> kiln takes %.2fx pigz's time (target <= 1.2x)%n", p, pigz, (double) k / p);
    System.out.printf("sizes: kiln tarball %d MB, tar|pigz %d MB%n", Files.size(work.resolve("image.tar")) >> 20,
        Files.size(work.resolve("tree.tar.gz")) >> 20);
    run(List.of("rm", "-rf", tree.toString(), work.resolve("image.tar").toString(), work.resolve("tree.tar.gz").toString()));
  }

  private static long kilnExport(Path root, Path tree, Path file, List<Double> cpu) throws Exception {
    State ctx = State.local("ctx");
    var def = ctx.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("bench"));
    try (Engine engine = Engine.open(EngineConfig.at(root));
        SolveResult r = engine.solve(def, SolveRequest.of(new BuildInputs(Map.of("ctx", tree), Map.of())))) {
      var exporter = engine.exporters().resolve("oci", Map.of("name", "bench:1"));
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      // As `kiln build -o type=oci,dest=FILE` exports: into the file, new layers as they are compressed.
      var inputs = ExportInputs.single(ExportInput.of(r.snapshotId(), null));
      long ms = time(() -> ((FileExport) exporter).exportToFile(file, inputs, null));
      cpu.add(Math.round((os.getProcessCpuTime() - cpu0) / 1e8) / 10.0);
      return ms;
    } finally {
      run(List.of("rm", "-rf", root.toString()));
    }
  }

  /** Even files random (incompressible), odd files log-like text (compresses about 5:1). */
  private static void generate(Path tree) throws IOException {
    Files.createDirectories(tree);
    Random random = new Random(42);
    byte[] data = new byte[FILE_SIZE];
    String[] words = {"build", "layer", "cache", "snapshot", "digest", "export", "kiln", "registry", "INFO", "DEBUG"};
    for (int f = 0; f < FILES; f++) {
      if (f % 2 == 0) {
        random.nextBytes(data);
      } else {
        StringBuilder text = new StringBuilder(FILE_SIZE + 100);
        while (text.length() < FILE_SIZE) {
          text.append(words[random.nextInt(words.length)]).append(' ').append(random.nextInt(100_000))
              .append(random.nextInt(8) == 0 ? '\n' : ' ');
        }
        byte[] t = text.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, data, 0, FILE_SIZE);
      }
      Files.write(tree.resolve("f" + f + ".dat"), data);
    }
  }

  /** Runs {@code command}; the user + system CPU seconds of its processes, from the shell's {@code times}. */
  private static double shellCpu(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", command + "; times").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    if (p.waitFor() != 0 || lines.size() < 2) throw new IOException("command failed: " + command);
    double seconds = 0;
    for (String t : lines.get(lines.size() - 1).trim().split("\\s+")) { // children: "0m35.10s 0m1.20s"
      String[] ms = t.replace("s", "").split("m");
      seconds += Integer.parseInt(ms[0]) * 60 + Double.parseDouble(ms[1]);
    }
    return Math.round(seconds * 10) / 10.0;
  }
}
