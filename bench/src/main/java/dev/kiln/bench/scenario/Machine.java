package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine for the report. */
final class Machine {
  private Machine() {}

  static String describe() {
    try {
      String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
      String mem = Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
      return model + ", " + mem + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
