package dev.kiln.engine.source;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the caller of a build supplies to its sources and execs: local directories by name (the
 * session's file sync, or host paths) and secrets by id.
 */
public record BuildInputs(LocalDirs localDirs, SecretStore secrets) {
  public static final BuildInputs NONE = new BuildInputs(LocalDirs.NONE, SecretStore.NONE);

  /** Host directories and in-memory secrets. */
  public BuildInputs(Map<String, Path> localDirs, Map<String, byte[]> secrets) {
    this(LocalDirs.of(localDirs), SecretStore.of(secrets));
  }
}
