package dev.kiln.engine.executor;

import java.nio.file.Path;
import java.util.Objects;

/** The container's root: a host directory that is already mounted (e.g. an overlay snapshot). */
public record RootFs(Path dir, boolean readonly) {
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
