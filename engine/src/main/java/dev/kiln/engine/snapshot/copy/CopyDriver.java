package dev.kiln.engine.snapshot.copy;

import dev.kiln.engine.snapshot.DirectorySize;
import dev.kiln.engine.snapshot.MountSpec;
import dev.kiln.engine.snapshot.SnapshotDriver;
import dev.kiln.engine.snapshot.TreeCopy;
import dev.kiln.engine.sys.Filesystems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Snapshots as full copies: a new snapshot starts as a copy of its parent's tree. Works on any
 * filesystem and without privileges, at the cost of disk space and copy time.
 */
public final class CopyDriver implements SnapshotDriver {
  private final TreeCopy treeCopy;

  public CopyDriver(TreeCopy treeCopy) {
    this.treeCopy = treeCopy;
  }

  @Override
  public boolean layered() {
    return false;
  }

  @Override
  public String name() {
    return "copy";
  }

  @Override
  public void prepare(Path dir, List<Path> parents) throws IOException {
    Path fs = dir.resolve("fs");
    if (parents.isEmpty()) {
      Files.createDirectory(fs);
    } else {
      treeCopy.copy(parents.getFirst().resolve("fs"), fs);
    }
  }

  @Override
  public List<MountSpec> mounts(Path dir, List<Path> parents, boolean readonly) {
    return List.of(MountSpec.bind(dir.resolve("fs").toString(), readonly));
  }

  @Override
  public Path changesDir(Path dir) {
    return null;
  }

  /** Full trees have no copies of lower directories to drop. */
  @Override
  public long measure(Path dir, Parents parents, boolean dropUnchangedDirs) throws IOException {
    return DirectorySize.of(dir.resolve("fs"));
  }

  @Override
  public void sync(Path dir) throws IOException {
    Filesystems.syncfs(dir);
  }
}
