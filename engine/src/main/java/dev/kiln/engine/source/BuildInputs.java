package dev.kiln.engine.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the caller of a build supplies to its sources and execs: local directories by name (the
 * embedded equivalent of the session's file sync), secrets by id, and OCI image layout directories
 * by store name (the embedded equivalent of the session's OCI content stores).
 */
public record BuildInputs(Map<String, Path> localDirs, Map<String, byte[]> secrets, Map<String, Path> ociLayouts) {
  public static final BuildInputs NONE = new BuildInputs(Map.of(), Map.of(), Map.of());

  public BuildInputs {
    localDirs = Map.copyOf(localDirs);
    secrets = Map.copyOf(secrets);
    ociLayouts = Map.copyOf(ociLayouts);
  }

  public BuildInputs(Map<String, Path> localDirs, Map<String, byte[]> secrets) {
    this(localDirs, secrets, Map.of());
  }

  public BuildInputs withOciLayouts(Map<String, Path> layouts) {
    return new BuildInputs(localDirs, secrets, layouts);
  }

  public Optional<Path> ociLayout(String name) {
    return Optional.ofNullable(ociLayouts.get(name));
  }

  public Optional<Path> localDir(String name) {
    return Optional.ofNullable(localDirs.get(name));
  }

  public Optional<byte[]> secret(String id) {
    return Optional.ofNullable(secrets.get(id)).map(byte[]::clone);
  }
}
