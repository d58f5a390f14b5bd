package dev.kiln.engine.worker;

import dev.kiln.engine.fs.TreeCopier;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.snapshot.SnapshotDriver;
import dev.kiln.engine.snapshot.copy.CopyDriver;
import dev.kiln.engine.snapshot.overlay.OverlayDriver;
import dev.kiln.engine.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the snapshot driver: overlayfs when a test mount works on the state directory, else copies. */
final class DriverChoice {
  private DriverChoice() {}

  /** @param mountPoints where the overlay driver keeps its layers of mount points */
  static SnapshotDriver choose(String wanted, Path tmp, Path mountPoints) {
    TreeCopier copier = new TreeCopier();
    return switch (wanted) {
      case "copy" -> new CopyDriver(copier::copy);
      case "overlayfs" -> new OverlayDriver(overlayWorks(tmp, true), mountPoints);
      default -> overlayWorks(tmp, true) ? new OverlayDriver(true, mountPoints)
          : overlayWorks(tmp, false) ? new OverlayDriver(false, mountPoints)
          : new CopyDriver(copier::copy);
    };
  }

  /**
   * Mounts a two-layer overlay in {@code tmp}, {@code volatile} if asked (kernel 5.10+); any
   * failure means "not here".
   */
  static boolean overlayWorks(Path tmp, boolean volatileUpper) {
    Path probe = null;
    try {
      probe = Files.createTempDirectory(tmp, "overlay-probe-");
      for (String d : new String[] {"lower1", "lower2", "upper", "work", "merged"}) {
        Files.createDirectory(probe.resolve(d));
      }
      String data = "lowerdir=" + probe.resolve("lower1") + ":" + probe.resolve("lower2")
          + ",upperdir=" + probe.resolve("upper") + ",workdir=" + probe.resolve("work")
          + (volatileUpper ? ",volatile" : "");
      Mounts.mount("overlay", probe.resolve("merged"), "overlay", 0, data);
      Mounts.umount(probe.resolve("merged"), 0);
      return true;
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      return false;
    } finally {
      if (probe != null) deleteQuietly(probe);
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Trees.deleteRecursively(dir);
    } catch (IOException ignored) {
      // a leftover probe directory is swept with tmp/ on the next start
    }
  }
}
