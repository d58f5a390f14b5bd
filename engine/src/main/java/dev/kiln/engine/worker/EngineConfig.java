package dev.kiln.engine.worker;

import dev.kiln.registry.CredentialProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the engine keeps its state and how it stores snapshots.
 *
 * @param root state directory ({@code /var/lib/kiln} for root, else {@code $XDG_DATA_HOME/kiln})
 * @param snapshotter {@code auto} (overlayfs when it works here, else copy), {@code overlayfs} or {@code copy}
 * @param registryConfig a TOML file whose {@code [registry."host"]} tables set mirrors, {@code
 *     http}, {@code insecure} and CA files per registry host (buildkitd.toml's form; kilnd.toml can
 *     be given whole); empty for defaults
 * @param credentials registry credentials (kilnd asks its clients' sessions); empty: {@code
 *     ~/.docker/config.json} of this process
 */
public record EngineConfig(Path root, String snapshotter, Optional<Path> registryConfig,
    Optional<CredentialProvider> credentials) {
  public EngineConfig {
    if (!snapshotter.equals("auto") && !snapshotter.equals("overlayfs") && !snapshotter.equals("copy")) {
      throw new IllegalArgumentException("unknown snapshotter '" + snapshotter + "': use auto, overlayfs or copy");
    }
    java.util.Objects.requireNonNull(registryConfig, "registryConfig");
    java.util.Objects.requireNonNull(credentials, "credentials");
  }

  public EngineConfig(Path root, String snapshotter, Optional<Path> registryConfig) {
    this(root, snapshotter, registryConfig, Optional.empty());
  }

  public EngineConfig(Path root, String snapshotter) {
    this(root, snapshotter, Optional.empty());
  }

  public EngineConfig withCredentials(CredentialProvider provider) {
    return new EngineConfig(root, snapshotter, registryConfig, Optional.of(provider));
  }

  public static EngineConfig at(Path root) {
    return new EngineConfig(root, "auto");
  }

  public EngineConfig withRegistryConfig(Path file) {
    return new EngineConfig(root, snapshotter, Optional.of(file), credentials);
  }

  /** The default state directory for this user. */
  public static Path defaultRoot() {
    if ("root".equals(System.getProperty("user.name"))) return Path.of("/var/lib/kiln");
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local/share");
    return base.resolve("kiln");
  }
}
