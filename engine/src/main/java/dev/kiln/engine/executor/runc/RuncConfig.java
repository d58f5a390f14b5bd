package dev.kiln.engine.executor.runc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where the runc executor keeps its state.
 *
 * @param stateRoot Kiln's root (e.g. {@code /var/lib/kiln})
 * @param runc the runc binary
 * @param secretsRoot a private directory for secret files, ideally on tmpfs so secrets never reach
 *     a disk; one sub-directory per run, removed afterwards
 * @param cgroupParent runc's cgroupsPath prefix; relative, so containers nest under the cgroup of
 *     the Kiln process (and stay inside its limits)
 * @param runRoot where each run's bundle ({@code <runRoot>/executor/<id>}) and runc's own state
 *     ({@code <runRoot>/runc}) go: files that live as long as a container and never need to reach
 *     a disk, so ideally on tmpfs; when it is not the state root, a directory of its own that only
 *     this user can enter
 */
public record RuncConfig(Path stateRoot, Path runc, Path secretsRoot, String cgroupParent, Path runRoot) {
  public static final Path DEFAULT_RUNC = Path.of("/usr/sbin/runc");
  private static final Path SHM = Path.of("/dev/shm");

  public RuncConfig {
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(runc, "runc");
    Objects.requireNonNull(secretsRoot, "secretsRoot");
    Objects.requireNonNull(cgroupParent, "cgroupParent");
    Objects.requireNonNull(runRoot, "runRoot");
  }

  /** Bundles and runc's state under {@code stateRoot}. */
  public RuncConfig(Path stateRoot, Path runc, Path secretsRoot, String cgroupParent) {
    this(stateRoot, runc, secretsRoot, cgroupParent, stateRoot);
  }

  /**
   * Defaults for {@code stateRoot}: {@code /usr/sbin/runc}, secrets and each run's bundle and runc
   * state under {@code /dev/shm} (tmpfs: a RUN step creates and removes a dozen files there, which
   * on the state root's disk filesystem would wait on its journal under I/O load) in one directory
   * named after the state root ({@code kiln-run-<hash>}: two Kiln roots never sweep each other's),
   * cgroups under {@code kiln/}.
   */
  public static RuncConfig defaults(Path stateRoot) {
    Path root = stateRoot.toAbsolutePath().normalize();
    boolean shm = Files.isDirectory(SHM);
    String hash = shortHash(root.toString());
    Path run = shm ? SHM.resolve("kiln-run-" + hash) : root;
    Path secrets = shm ? run.resolve("secrets") : root.resolve("executor-secrets");
    return new RuncConfig(root, DEFAULT_RUNC, secrets, "kiln", run);
  }

  Path bundles() {
    return runRoot.resolve("executor");
  }

  Path runcRoot() {
    return runRoot.resolve("runc");
  }

  /** Generated /etc files shared by runs, see {@link SharedEtcFiles}. */
  Path sharedEtcFiles() {
    return runRoot.resolve("etc-files");
  }

  private static String shortHash(String s) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes());
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
