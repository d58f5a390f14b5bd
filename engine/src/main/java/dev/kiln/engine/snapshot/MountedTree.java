package dev.kiln.engine.snapshot;

import dev.kiln.engine.sys.Errno;
import dev.kiln.engine.sys.Mounts;
import dev.kiln.engine.sys.SysException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A snapshot's tree visible at a host path for as long as this is open. A single bind needs no
 * mount: the engine's own code reads and writes the directory directly. Overlays are mounted on a
 * temporary directory and unmounted on close. Not thread-safe; close exactly once.
 */
public final class MountedTree implements AutoCloseable {
  private static final int BUSY_RETRIES = 50;
  private static final long BUSY_PAUSE_MS = 20;

  private final Path root;
  private final MountTargets targets; // null when nothing was mounted

  private MountedTree(Path root, MountTargets targets) {
    this.root = root;
    this.targets = targets;
  }

  /** Mounts on a new directory under {@code tmpDir}, removed on close. */
  public static MountedTree mount(List<MountSpec> specs, Path tmpDir) throws IOException {
    return mount(specs, new MountTargets(tmpDir, 0));
  }

  /** Mounts on a directory from {@code targets}, given back on close. */
  public static MountedTree mount(List<MountSpec> specs, MountTargets targets) throws IOException {
    if (specs.size() != 1) {
      throw new IOException("expected one mount for a snapshot, got " + specs.size());
    }
    MountSpec spec = specs.getFirst();
    if (spec.isBind()) {
      return new MountedTree(Path.of(spec.source()), null);
    }
    Path target = targets.take();
    long flags = spec.readonly() ? Mounts.MS_RDONLY : 0;
    String data = spec.options().stream().filter(o -> !o.equals("ro") && !o.equals("rw")).collect(Collectors.joining(","));
    try {
      Mounts.mount(spec.source(), target, spec.type(), flags, data);
    } catch (IOException e) {
      targets.giveBack(target);
      throw e;
    }
    return new MountedTree(target, targets);
  }

  /** The tree's root directory on the host. */
  public Path root() {
    return root;
  }

  /** Whether {@link #root} is a mount point (an overlay), not the snapshot's own directory. */
  public boolean mounted() {
    return targets != null;
  }

  @Override
  public void close() throws IOException {
    if (targets != null) {
      unmount(root); // throws while still mounted: the directory is not reused then
      targets.giveBack(root);
    }
  }

  /**
   * Unmounts, retrying while the mount is busy (EBUSY: something still has a file or directory open
   * in it — seen with eight concurrent builds on one kilnd, on a read-only input view), as
   * containerd retries. Detaches lazily as a last resort, so a build never fails on it and readers
   * still holding files keep them.
   */
  static void unmount(Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Mounts.umount(target, 0);
        return;
      } catch (SysException e) {
        if (e.errno() != Errno.EBUSY) throw e;
        if (attempt == BUSY_RETRIES) {
          Mounts.umount(target, Mounts.MNT_DETACH);
          return;
        }
      }
      try {
        Thread.sleep(BUSY_PAUSE_MS);
      } catch (InterruptedException e) {
        Mounts.umount(target, Mounts.MNT_DETACH); // never leave the mount behind
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
