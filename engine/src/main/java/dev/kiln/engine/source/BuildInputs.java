package dev.kiln.engine.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the caller of a build supplies to its sources and execs: local directories by name (the
 * session's file sync, or host paths), secrets by id, and OCI image layout directories by store
 * name (the embedded equivalent of the session's OCI content stores), and ssh agents by id.
 */
public record BuildInputs(LocalDirs localDirs, SecretStore secrets, Map<String, Path> ociLayouts, SshAgents sshAgents) {
  /** Local directories named {@code oci-layout:NAME} hold the client's OCI layout store NAME. */
  public static final String OCI_LAYOUT_LOCAL_PREFIX = "oci-layout:";

  public static final BuildInputs NONE = new BuildInputs(LocalDirs.NONE, SecretStore.NONE, Map.of());

  public BuildInputs {
    ociLayouts = Map.copyOf(ociLayouts);
    java.util.Objects.requireNonNull(sshAgents, "sshAgents");
  }

  public BuildInputs(LocalDirs localDirs, SecretStore secrets, Map<String, Path> ociLayouts) {
    this(localDirs, secrets, ociLayouts, SshAgents.NONE);
  }

  public BuildInputs(LocalDirs localDirs, SecretStore secrets) {
    this(localDirs, secrets, Map.of());
  }

  /** Host directories and in-memory secrets. */
  public BuildInputs(Map<String, Path> localDirs, Map<String, byte[]> secrets) {
    this(LocalDirs.of(localDirs), SecretStore.of(secrets), Map.of());
  }

  public BuildInputs withOciLayouts(Map<String, Path> layouts) {
    return new BuildInputs(localDirs, secrets, layouts, sshAgents);
  }

  public BuildInputs withSshAgents(SshAgents agents) {
    return new BuildInputs(localDirs, secrets, ociLayouts, agents);
  }

  /**
   * The OCI layout directory of store {@code name}: one given by path, else the client's local
   * directory {@code oci-layout:NAME} (how {@code kiln build --oci-layout NAME=DIR} sends it).
   */
  public Optional<Path> ociLayout(String name) throws java.io.IOException {
    Path given = ociLayouts.get(name);
    if (given != null) return Optional.of(given);
    String local = OCI_LAYOUT_LOCAL_PREFIX + name;
    return localDirs.get(local, new LocalDirs.Request(java.util.List.of(), java.util.List.of(), java.util.List.of(), local));
  }
}
