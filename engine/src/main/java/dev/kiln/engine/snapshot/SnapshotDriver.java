package dev.kiln.engine.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How snapshots are laid out on disk. Each snapshot has a directory {@code dir} (with {@code fs}
 * inside); {@code parents} are the committed ancestors' directories, nearest first.
 */
public interface SnapshotDriver {
  /** {@code overlayfs} or {@code copy}, as reported to users. */
  String name();

  /**
   * Whether a snapshot holds only its own changes, its ancestors' trees never copied into it. With
   * full trees, a new snapshot starts as a copy of its parent's whole tree, links among its names
   * kept.
   */
  boolean layered();

  /** Creates the on-disk form of a new writable snapshot in the empty directory {@code dir}. */
  void prepare(Path dir, List<Path> parents) throws IOException;

  /** Mounts that show the snapshot's full tree. */
  List<MountSpec> mounts(Path dir, List<Path> parents, boolean readonly);

  /**
   * Writable mounts of the snapshot's full tree on which {@code mountPoints} (absolute in-root
   * paths) exist as files wherever the tree lacks them but has their parent directory, without
   * being part of the snapshot: places for a container to mount generated files over. A driver
   * that cannot do this returns the plain mounts; the caller then creates what is missing itself.
   */
  default List<MountSpec> mountsWithMountPoints(Path dir, List<Path> parents, List<String> mountPoints)
      throws IOException {
    return mounts(dir, parents, false);
  }

  /**
   * The directory holding exactly this snapshot's own changes relative to its parent (overlay
   * upper dir with whiteouts), or null when the driver keeps full trees and diffs must be computed.
   */
  Path changesDir(Path dir);

  /**
   * Readies a writable snapshot, no longer mounted, for its commit: makes its data durable before
   * the commit is recorded and returns the bytes of its own data. With {@code dropUnchangedDirs}
   * the driver may first drop directories that only look changed (a layered driver's copies of
   * lower directories that hold nothing and differ in no attribute), so they reach no layer.
   */
  default long seal(Path dir, Parents parents, boolean dropUnchangedDirs) throws IOException {
    long size = measure(dir, parents, dropUnchangedDirs);
    sync(dir);
    return size;
  }

  /** {@link #seal} without the sync: readies the snapshot and returns the bytes of its own data. */
  long measure(Path dir, Parents parents, boolean dropUnchangedDirs) throws IOException;

  /**
   * Makes the data of the snapshot in {@code dir} durable. The whole filesystem holding it is
   * synced, so one call covers every snapshot of the store written before it.
   */
  void sync(Path dir) throws IOException;

  /** The committed ancestors' directories, nearest first; looked up only when asked for. */
  @FunctionalInterface
  interface Parents {
    List<Path> get() throws IOException;
  }
}
