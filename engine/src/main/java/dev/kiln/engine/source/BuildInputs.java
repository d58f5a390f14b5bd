package dev.kiln.engine.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the caller of a build supplies to its sources and execs: local directories by name (the
 * session's file sync, or host paths), secrets by id, and OCI image layout directories by store
 * name (the embedded equivalent of the session's OCI content stores).
 */
public record BuildInputs(LocalDirs localDirs, SecretStore secrets, Map<String, Path> ociLayouts) {
  public static final BuildInputs NONE = new BuildInputs(LocalDirs.NONE, SecretStore.NONE, Map.of());

  public BuildInputs {
    ociLayouts = Map.copyOf(ociLayouts);
  }

  public BuildInputs(LocalDirs localDirs, SecretStore secrets) {
    this(localDirs, secrets, Map.of());
  }

  /** Host directories and in-memory secrets. */
  public BuildInputs(Map<String, Path> localDirs, Map<String, byte[]> secrets) {
    this(LocalDirs.of(localDirs), SecretStore.of(secrets), Map.of());
  }

  public BuildInputs withOciLayouts(Map<String, Path> layouts) {
    return new BuildInputs(localDirs, secrets, layouts);
  }

  public Optional<Path> ociLayout(String name) {
    return Optional.ofNullable(ociLayouts.get(name));
  }
}
