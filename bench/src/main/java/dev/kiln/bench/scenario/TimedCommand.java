package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command to its end under GNU time, which reports the CPU time and peak RSS of the command
 * and of every child it waited for (runc and the build's containers included). Wall time is taken
 * here, with nanosecond resolution.
 */
final class TimedCommand {
  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  private TimedCommand() {}

  static Measured run(List<String> command, Path log) throws IOException, InterruptedException {
    Path times = Files.createTempFile("kiln-bench-time", ".txt");
    try {
      List<String> argv = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", times.toString()));
      argv.addAll(command);
      long start = System.nanoTime();
      Process p = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      int exit = p.waitFor();
      double wall = (System.nanoTime() - start) / 1e9;
      if (exit != 0) {
        throw new IOException("exit " + exit + " from " + String.join(" ", command) + "\n" + tail(log));
      }
      String[] f = Files.readString(times).strip().lines().reduce((a, b) -> b).orElse("0 0 0").split(" ");
      return new Measured(wall, Double.parseDouble(f[0]) + Double.parseDouble(f[1]), Long.parseLong(f[2]));
    } finally {
      Files.deleteIfExists(times);
    }
  }

  /** Runs a preparation command (not measured); fails with its output. */
  static void check(List<String> command, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (p.waitFor() != 0) throw new IOException("failed: " + String.join(" ", command) + "\n" + tail(log));
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
