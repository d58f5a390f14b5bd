package dev.kiln.engine.executor.runc;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code kiln} parent cgroup runc creates (relative to this process's cgroup) in every
 * hierarchy. runc removes each container's own cgroup; the empty parents are removed by the sweep.
 */
final class CgroupParent {
  private static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");

  private CgroupParent() {}

  /** The parent's directory in each mounted hierarchy (v1 controllers, v2 hybrid or unified). */
  static Set<Path> directories(String parent) throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      String[] f = line.split(":", 3); // hierarchy-id:controllers:path
      if (f.length < 3) {
        continue;
      }
      String own = f[2].substring(1);
      List<Path> mounts = f[1].isEmpty()
          ? List.of(CGROUP_FS.resolve("unified"), CGROUP_FS)
          : List.of(CGROUP_FS.resolve(f[1].replace("name=", "")));
      for (Path mount : mounts) {
        Path dir = mount.resolve(own).resolve(parent);
        if (Files.isDirectory(dir)) {
          dirs.add(dir);
          break;
        }
      }
    }
    return dirs;
  }

  /** Removes the parents that are empty; ones still holding containers stay. Best effort. */
  static void removeEmpty(String parent) {
    try {
      for (Path dir : directories(parent)) {
        try {
          Files.delete(dir); // rmdir: cgroupfs refuses while child cgroups exist
        } catch (DirectoryNotEmptyException e) {
          // containers of another Kiln process under the same cgroup still run
        } catch (IOException e) {
          System.getLogger(CgroupParent.class.getName())
              .log(System.Logger.Level.DEBUG, "cannot remove cgroup " + dir, e);
        }
      }
    } catch (IOException e) {
      // no /proc/self/cgroup: nothing we could have created either
    }
  }
}
