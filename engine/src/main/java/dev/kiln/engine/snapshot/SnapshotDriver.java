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

  /** Creates the on-disk form of a new writable snapshot in the empty directory {@code dir}. */
  void prepare(Path dir, List<Path> parents) throws IOException;

  /** Mounts that show the snapshot's full tree. */
  List<MountSpec> mounts(Path dir, List<Path> parents, boolean readonly);

  /**
   * The directory holding exactly this snapshot's own changes relative to its parent (overlay
   * upper dir with whiteouts), or null when the driver keeps full trees and diffs must be computed.
   */
  Path changesDir(Path dir);

  /** Makes the snapshot's data durable before it is recorded as committed. */
  void sync(Path dir) throws IOException;
}
