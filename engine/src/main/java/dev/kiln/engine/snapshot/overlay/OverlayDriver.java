package dev.kiln.engine.snapshot.overlay;

import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.snapshot.DirectorySize;
import dev.kiln.engine.snapshot.MountSpec;
import dev.kiln.engine.snapshot.SnapshotDriver;
import dev.kiln.engine.sys.Filesystems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Snapshots as overlayfs layers: each snapshot's {@code fs} holds only its own changes (deletions
 * as whiteouts), stacked on its ancestors' {@code fs} directories as lower layers. Needs root (or
 * a user namespace) and a kernel with overlayfs.
 *
 * <p>Writable mounts are {@code volatile} when the kernel has it (5.10+): unmounting a writable
 * overlay otherwise syncs the whole filesystem under the upper dir, a few milliseconds per RUN step
 * even when it wrote nothing. Durability comes from {@link #seal} instead, which syncs only when
 * there is something to sync. An active snapshot is mounted writable at most once (its work dir is
 * then marked, and the kernel refuses a second writable mount of it), and a crash removes active
 * snapshots anyway.
 */
public final class OverlayDriver implements SnapshotDriver {
  private final boolean volatileUpper;
  private final MountPointLayers mountPoints;

  /**
   * @param volatileUpper whether writable mounts may skip the sync on unmount (kernel 5.10+)
   * @param scratch where layers of mount points go (see {@link #mountsWithMountPoints}): a
   *     directory on any filesystem that is cleared when the engine starts
   */
  public OverlayDriver(boolean volatileUpper, Path scratch) {
    this.volatileUpper = volatileUpper;
    this.mountPoints = new MountPointLayers(scratch);
  }

  @Override
  public boolean layered() {
    return true;
  }

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
    return List.of(writable(dir, lowerDirs(parents)));
  }

  /** Missing mount points come from an extra top layer of their own, so none is copied up. */
  @Override
  public List<MountSpec> mountsWithMountPoints(Path dir, List<Path> parents, List<String> files)
      throws IOException {
    if (parents.isEmpty()) return mounts(dir, parents, false);
    var layer = mountPoints.layerFor(layers(parents), files);
    if (layer.isEmpty()) return mounts(dir, parents, false);
    return List.of(writable(dir, layer.get() + ":" + lowerDirs(parents)));
  }

  private MountSpec writable(Path dir, String lowerDirs) {
    // index=off whatever the kernel's default: copying up a lower file with several names (files
    // snapshots share) must give only the written name a new inode, never carry the others along.
    List<String> options = new ArrayList<>(List.of(
        "lowerdir=" + lowerDirs, "upperdir=" + dir.resolve("fs"), "workdir=" + dir.resolve("work"), "index=off"));
    if (volatileUpper) options.add("volatile");
    return new MountSpec("overlay", "overlay", options);
  }

  private static String lowerDirs(List<Path> parents) {
    return parents.stream().map(p -> p.resolve("fs").toString()).collect(Collectors.joining(":"));
  }

  @Override
  public Path changesDir(Path dir) {
    return dir.resolve("fs");
  }

  @Override
  public long measure(Path dir, Parents parents, boolean dropUnchangedDirs) throws IOException {
    Path upper = changesDir(dir);
    return dropUnchangedDirs
        ? UnchangedDirs.dropAndMeasure(upper, () -> layers(parents.get()))
        : DirectorySize.of(upper);
  }

  @Override
  public void sync(Path dir) throws IOException {
    if (!Trees.isEmptyDirectory(changesDir(dir))) Filesystems.syncfs(dir); // an empty upper dir has nothing to make durable
  }

  private static List<Path> layers(List<Path> parents) {
    return parents.stream().map(p -> p.resolve("fs")).toList();
  }
}
