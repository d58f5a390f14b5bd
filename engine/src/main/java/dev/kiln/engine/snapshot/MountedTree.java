package dev.kiln.engine.snapshot;

import dev.kiln.engine.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A snapshot's tree visible at a host path for as long as this is open. A single bind needs no
 * mount: the engine's own code reads and writes the directory directly. Overlays are mounted on a
 * temporary directory and unmounted on close. Not thread-safe; close exactly once.
 */
public final class MountedTree implements AutoCloseable {
  private final Path root;
  private final boolean mounted;

  private MountedTree(Path root, boolean mounted) {
    this.root = root;
    this.mounted = mounted;
  }

  public static MountedTree mount(List<MountSpec> specs, Path tmpDir) throws IOException {
    if (specs.size() != 1) {
      throw new IOException("expected one mount for a snapshot, got " + specs.size());
    }
    MountSpec spec = specs.getFirst();
    if (spec.isBind()) {
      return new MountedTree(Path.of(spec.source()), false);
    }
    Files.createDirectories(tmpDir);
    Path target = Files.createTempDirectory(tmpDir, "mnt-");
    long flags = spec.readonly() ? Mounts.MS_RDONLY : 0;
    String data = spec.options().stream().filter(o -> !o.equals("ro") && !o.equals("rw")).collect(Collectors.joining(","));
    try {
      Mounts.mount(spec.source(), target, spec.type(), flags, data);
    } catch (IOException e) {
      Files.deleteIfExists(target);
      throw e;
    }
    return new MountedTree(target, true);
  }

  /** The tree's root directory on the host. */
  public Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    if (mounted) {
      Mounts.umount(root, 0);
      Files.deleteIfExists(root);
    }
  }
}
