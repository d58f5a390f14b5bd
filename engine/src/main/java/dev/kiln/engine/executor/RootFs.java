package dev.kiln.engine.executor;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The container's root: a host directory that is already mounted (e.g. an overlay snapshot). A run
 * owns it while it lasts: runc creates mount points in it (removed again afterwards), so two
 * concurrent runs must not share one directory. {@code readonly} makes the container's view
 * read-only; the executor still creates a missing working directory only when it is writable.
 */
public record RootFs(Path dir, boolean readonly) {
  /**
   * Files every run gets generated and bind-mounted over the rootfs. A rootfs that already has
   * them (or their mount points) needs no stubs created and removed in it.
   */
  public static final List<String> GENERATED_FILES = List.of("/etc/hosts", "/etc/resolv.conf");

  public RootFs {
    Objects.requireNonNull(dir, "dir");
    if (!dir.isAbsolute()) {
      throw new IllegalArgumentException("rootfs must be an absolute path: " + dir);
    }
  }

  public static RootFs readWrite(Path dir) {
    return new RootFs(dir, false);
  }

  public static RootFs readOnly(Path dir) {
    return new RootFs(dir, true);
  }
}
