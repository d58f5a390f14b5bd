package dev.kiln.engine.executor.runc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where the runc executor keeps its state.
 *
 * @param stateRoot Kiln's root (e.g. {@code /var/lib/kiln}); bundles go to {@code
 *     <stateRoot>/executor/<id>}, runc's own state to {@code <stateRoot>/runc}
 * @param runc the runc binary
 * @param secretsRoot a private directory for secret files, ideally on tmpfs so secrets never reach
 *     a disk; one sub-directory per run, removed afterwards
 * @param cgroupParent runc's cgroupsPath prefix; relative, so containers nest under the cgroup of
 *     the Kiln process (and stay inside its limits)
 */
public record RuncConfig(Path stateRoot, Path runc, Path secretsRoot, String cgroupParent) {
  public static final Path DEFAULT_RUNC = Path.of("/usr/sbin/runc");
  private static final Path SHM = Path.of("/dev/shm");

  public RuncConfig {
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(runc, "runc");
    Objects.requireNonNull(secretsRoot, "secretsRoot");
    Objects.requireNonNull(cgroupParent, "cgroupParent");
  }

  /**
   * Defaults for {@code stateRoot}: {@code /usr/sbin/runc}, secrets under {@code /dev/shm} (tmpfs)
   * in a directory named after the state root so two Kiln roots never sweep each other's, cgroups
   * under {@code kiln/}.
   */
  public static RuncConfig defaults(Path stateRoot) {
    Path root = stateRoot.toAbsolutePath().normalize();
    Path secrets =
        Files.isDirectory(SHM)
            ? SHM.resolve("kiln-secrets-" + shortHash(root.toString()))
            : root.resolve("executor-secrets");
    return new RuncConfig(root, DEFAULT_RUNC, secrets, "kiln");
  }

  Path bundles() {
    return stateRoot.resolve("executor");
  }

  Path runcRoot() {
    return stateRoot.resolve("runc");
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
