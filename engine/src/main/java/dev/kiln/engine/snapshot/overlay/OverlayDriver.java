package dev.kiln.engine.snapshot.overlay;

import dev.kiln.engine.snapshot.MountSpec;
import dev.kiln.engine.snapshot.SnapshotDriver;
import dev.kiln.engine.sys.Filesystems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Snapshots as overlayfs layers: each snapshot's {@code fs} holds only its own changes (deletions
 * as whiteouts), stacked on its ancestors' {@code fs} directories as lower layers. Needs root (or
 * a user namespace) and a kernel with overlayfs.
 */
public final class OverlayDriver implements SnapshotDriver {
  @Override
  public String name() {
    return "overlayfs";
  }

  @Override
  public void prepare(Path dir, List<Path> parents) throws IOException {
    Files.createDirectory(dir.resolve("fs"));
    Files.createDirectory(dir.resolve("work"));
  }

  @Override
  public List<MountSpec> mounts(Path dir, List<Path> parents, boolean readonly) {
    Path fs = dir.resolve("fs");
    if (parents.isEmpty()) {
      return List.of(MountSpec.bind(fs.toString(), readonly));
    }
    if (readonly) {
      // A read-only view needs no upper dir: this layer joins the lower stack.
      String lower = fs + ":" + lowerDirs(parents);
      return List.of(new MountSpec("overlay", "overlay", List.of("lowerdir=" + lower, "ro")));
    }
    return List.of(new MountSpec("overlay", "overlay", List.of(
        "lowerdir=" + lowerDirs(parents),
        "upperdir=" + fs,
        "workdir=" + dir.resolve("work"))));
  }

  private static String lowerDirs(List<Path> parents) {
    return parents.stream().map(p -> p.resolve("fs").toString()).collect(Collectors.joining(":"));
  }

  @Override
  public Path changesDir(Path dir) {
    return dir.resolve("fs");
  }

  @Override
  public void sync(Path dir) throws IOException {
    Filesystems.syncfs(dir);
  }
}
