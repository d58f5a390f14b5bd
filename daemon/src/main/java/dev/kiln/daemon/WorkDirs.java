package dev.kiln.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Per-build scratch directories (received local dirs). */
final class WorkDirs {
  private WorkDirs() {}

  static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover scratch dir is swept on the next start; not worth failing the build
    }
  }
}
