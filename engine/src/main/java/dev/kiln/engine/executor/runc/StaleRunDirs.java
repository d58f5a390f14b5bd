package dev.kiln.engine.executor.runc;

import dev.kiln.engine.fs.Trees;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Run directories that other Kiln state roots left in the shared tmpfs directory ({@code
 * /dev/shm}) and that nobody can use any more. Each run directory names its state root in a
 * {@value #MARKER} file; one whose state root no longer exists is removed (an engine that still
 * used it has lost its state anyway). Directories of earlier layouts, without a marker, are
 * removed only when they hold nothing but empty directories and were not changed for a while: an
 * hour for {@code kiln-secrets-<hash>} (an engine of that layout recreates it, with its privacy
 * checks, when it next needs it), a day for {@code kiln-run-<hash>} (an engine of that layout still
 * running, idle that long, would recreate its bundle directory readable by others).
 */
final class StaleRunDirs {
  static final String MARKER = "state-root";
  private static final Duration LEGACY_SECRETS_IDLE = Duration.ofHours(1);
  private static final Duration LEGACY_RUN_IDLE = Duration.ofDays(1);
  private static final System.Logger LOG = System.getLogger(StaleRunDirs.class.getName());

  private StaleRunDirs() {}

  /** Writes the marker that names {@code stateRoot} into {@code runRoot}. */
  static void mark(Path runRoot, Path stateRoot) throws IOException {
    Files.writeString(runRoot.resolve(MARKER), stateRoot.toString(), StandardCharsets.UTF_8);
  }

  /** Removes the stale Kiln run directories in {@code shared}, never {@code own}; best effort. */
  static void sweep(Path shared, Path own) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(shared, "kiln-{run,secrets}-*")) {
      for (Path dir : entries) {
        if (!dir.equals(own) && isOursAndPrivate(dir) && isStale(dir)) {
          Trees.deleteRecursively(dir);
        }
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot sweep stale run directories in " + shared, e);
    }
  }

  private static boolean isStale(Path dir) throws IOException {
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      String root = Files.readString(marker, StandardCharsets.UTF_8).strip();
      return !root.isEmpty() && Files.notExists(Path.of(root));
    }
    Duration idle = dir.getFileName().toString().startsWith("kiln-secrets-")
        ? LEGACY_SECRETS_IDLE
        : LEGACY_RUN_IDLE;
    FileTime changed = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS);
    return changed.toInstant().isBefore(Instant.now().minus(idle)) && onlyDirectories(dir);
  }

  private static boolean onlyDirectories(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.allMatch(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
    }
  }

  /** Another user's directory of the same name is none of ours (and never followed). */
  private static boolean isOursAndPrivate(Path dir) {
    try {
      Bundle.checkPrivate(dir);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
