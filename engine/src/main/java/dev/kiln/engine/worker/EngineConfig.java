package dev.kiln.engine.worker;

import java.nio.file.Path;

/**
 * Where the engine keeps its state and how it stores snapshots.
 *
 * @param root state directory ({@code /var/lib/kiln} for root, else {@code $XDG_DATA_HOME/kiln})
 * @param snapshotter {@code auto} (overlayfs when it works here, else copy), {@code overlayfs} or {@code copy}
 */
public record EngineConfig(Path root, String snapshotter) {
  public EngineConfig {
    if (!snapshotter.equals("auto") && !snapshotter.equals("overlayfs") && !snapshotter.equals("copy")) {
      throw new IllegalArgumentException("unknown snapshotter '" + snapshotter + "': use auto, overlayfs or copy");
    }
  }

  public static EngineConfig at(Path root) {
    return new EngineConfig(root, "auto");
  }

  /** The default state directory for this user. */
  public static Path defaultRoot() {
    if ("root".equals(System.getProperty("user.name"))) return Path.of("/var/lib/kiln");
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local/share");
    return base.resolve("kiln");
  }
}
