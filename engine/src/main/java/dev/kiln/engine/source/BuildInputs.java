package dev.kiln.engine.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the caller of a build supplies to its sources and execs: local directories by name (the
 * embedded equivalent of the session's file sync), and secrets by id.
 */
public record BuildInputs(Map<String, Path> localDirs, Map<String, byte[]> secrets) {
  public static final BuildInputs NONE = new BuildInputs(Map.of(), Map.of());

  public BuildInputs {
    localDirs = Map.copyOf(localDirs);
    secrets = Map.copyOf(secrets);
  }

  public Optional<Path> localDir(String name) {
    return Optional.ofNullable(localDirs.get(name));
  }

  public Optional<byte[]> secret(String id) {
    return Optional.ofNullable(secrets.get(id)).map(byte[]::clone);
  }
}
