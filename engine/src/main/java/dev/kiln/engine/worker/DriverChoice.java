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
import java.nio.file.StandardCopyOption;

/** Picks the snapshot driver: overlayfs when a test mount works on the state directory, else copies. */
final class DriverChoice {
  private DriverChoice() {}

  static SnapshotDriver choose(String wanted, Path tmp) {
    TreeCopier copier = new TreeCopier();
    return switch (wanted) {
      case "copy" -> new CopyDriver(copier::copy);
      case "overlayfs" -> new OverlayDriver();
      default -> overlayWorksRemembered(tmp) ? new OverlayDriver() : new CopyDriver(copier::copy);
    };
  }

  /**
   * {@link #overlayWorks}, remembered next to {@code tmp} for as long as the kernel runs and the
   * directory stays on the same file system: the probe mount costs tens of milliseconds, paid by
   * every CLI start otherwise. Only success is remembered (a failure probes again next time).
   */
  static boolean overlayWorksRemembered(Path tmp) {
    Path memo = tmp.resolveSibling("overlay-works");
    String key = probeKey(tmp);
    try {
      if (key != null && Files.isRegularFile(memo) && Files.readString(memo).equals(key)) return true;
    } catch (IOException unreadable) {
      // probe again
    }
    if (!overlayWorks(tmp)) return false;
    if (key != null) {
      try {
        Path part = tmp.resolve("overlay-works.tmp");
        Files.writeString(part, key);
        Files.move(part, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // not remembered: the next start probes again
      }
    }
    return true;
  }

  /** This boot and the file system holding {@code dir}; null when either is unknown. */
  private static String probeKey(Path dir) {
    try {
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
      Object device = Files.getAttribute(dir, "unix:dev");
      return boot + " " + device + "\n";
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Mounts a two-layer overlay in {@code tmp}; any failure means "not here". */
  static boolean overlayWorks(Path tmp) {
    Path probe = null;
    try {
      probe = Files.createTempDirectory(tmp, "overlay-probe-");
      for (String d : new String[] {"lower1", "lower2", "upper", "work", "merged"}) {
        Files.createDirectory(probe.resolve(d));
      }
      String data = "lowerdir=" + probe.resolve("lower1") + ":" + probe.resolve("lower2")
          + ",upperdir=" + probe.resolve("upper") + ",workdir=" + probe.resolve("work");
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
