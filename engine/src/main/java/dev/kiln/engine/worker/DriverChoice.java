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

  /** What the probe mounts found. */
  enum Overlay { NONE, PLAIN, VOLATILE }

  /** @param mountPoints where the overlay driver keeps its layers of mount points */
  static SnapshotDriver choose(String wanted, Path tmp, Path mountPoints) {
    TreeCopier copier = new TreeCopier();
    return switch (wanted) {
      case "copy" -> new CopyDriver(copier::copy);
      case "overlayfs" -> new OverlayDriver(probeRemembered(tmp) == Overlay.VOLATILE, mountPoints);
      default -> switch (probeRemembered(tmp)) {
        case VOLATILE -> new OverlayDriver(true, mountPoints);
        case PLAIN -> new OverlayDriver(false, mountPoints);
        case NONE -> new CopyDriver(copier::copy);
      };
    };
  }

  /** Overlay with a {@code volatile} upper dir (kernel 5.10+), else plain overlay, else none. */
  static Overlay probe(Path tmp) {
    if (overlayWorks(tmp, true)) return Overlay.VOLATILE;
    return overlayWorks(tmp, false) ? Overlay.PLAIN : Overlay.NONE;
  }

  /**
   * {@link #probe}, remembered next to {@code tmp} for as long as the kernel runs and the directory
   * stays on the same file system: the probe mounts cost tens of milliseconds, paid by every CLI
   * start otherwise. Only a working overlay is remembered (a failure probes again next time).
   */
  static Overlay probeRemembered(Path tmp) {
    Path memo = tmp.resolveSibling("overlay-works");
    String key = probeKey(tmp);
    try {
      if (key != null && Files.isRegularFile(memo)) {
        String[] remembered = Files.readString(memo).strip().split(" ");
        if (remembered.length == 3 && key.equals(remembered[0] + " " + remembered[1])) {
          return Overlay.valueOf(remembered[2]);
        }
      }
    } catch (IOException | IllegalArgumentException unreadable) {
      // probe again
    }
    Overlay found = probe(tmp);
    if (key != null && found != Overlay.NONE) {
      try {
        Path part = tmp.resolve("overlay-works.tmp");
        Files.writeString(part, key + " " + found + "\n");
        Files.move(part, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // not remembered: the next start probes again
      }
    }
    return found;
  }

  /** This boot and the file system holding {@code dir}; null when either is unknown. */
  private static String probeKey(Path dir) {
    try {
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
      Object device = Files.getAttribute(dir, "unix:dev");
      return boot + " " + device;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
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
