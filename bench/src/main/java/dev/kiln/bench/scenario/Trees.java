package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Removes state trees, detaching any mounts a builder left inside first. */
final class Trees {
  private Trees() {}

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts")).reversed()) {
        String target = line.split(" ")[1];
        if (target.startsWith(dir.toString() + "/")) {
          new ProcessBuilder("umount", "-l", target).inheritIO().start().waitFor();
        }
      }
      Process rm = new ProcessBuilder(List.of("rm", "-rf", dir.toString())).inheritIO().start();
      if (rm.waitFor() != 0) throw new IOException("cannot remove " + dir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted removing " + dir, e);
    }
  }
}
