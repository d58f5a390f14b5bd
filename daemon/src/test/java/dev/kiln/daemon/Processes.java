package dev.kiln.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks for a process of this host by its exact command line (arguments joined by NUL, as /proc has it). */
final class Processes {
  private Processes() {}

  static boolean running(String... argv) throws IOException {
    String wanted = String.join("\u0000", argv) + "\u0000";
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (new String(Files.readAllBytes(p.resolve("cmdline"))).equals(wanted)) return true;
        } catch (IOException gone) {
          // exited meanwhile
        }
      }
    }
    return false;
  }
}
