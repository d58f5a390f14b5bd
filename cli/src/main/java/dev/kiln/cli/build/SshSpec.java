package dev.kiln.cli.build;

import dev.kiln.session.ssh.AgentSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * buildctl's {@code --ssh default|ID[=PATH[,PATH…]]}: an ssh agent the build may use through
 * {@code RUN --mount=type=ssh[,id=ID]}. Each path is an agent socket or an unencrypted private key
 * file (OpenSSH format, or RSA in PEM), which this process then serves from an in-memory agent;
 * without a path, {@code $SSH_AUTH_SOCK}.
 */
public record SshSpec(String id, AgentSource agent) {
  public static SshSpec parse(String spec, Map<String, String> env) {
    int eq = spec.indexOf('=');
    String id = eq < 0 ? spec : spec.substring(0, eq);
    if (id.isEmpty()) throw new IllegalArgumentException("--ssh '" + spec + "' needs an id (default or a name)");
    String paths = eq < 0 ? env.get("SSH_AUTH_SOCK") : spec.substring(eq + 1);
    if (paths == null || paths.isEmpty()) {
      throw new IllegalArgumentException("--ssh " + id + ": SSH_AUTH_SOCK is not set; pass --ssh " + id
          + "=SOCKET or --ssh " + id + "=KEYFILE");
    }
    List<Path> list = Arrays.stream(paths.split(",")).filter(p -> !p.isEmpty()).map(Path::of).toList();
    try {
      return new SshSpec(id, AgentSource.of(list));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--ssh " + spec + ": " + e.getMessage(), e);
    }
  }
}
