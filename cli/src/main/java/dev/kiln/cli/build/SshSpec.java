package dev.kiln.cli.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * buildctl's {@code --ssh default|ID[=SOCKET]}: an ssh agent the build may use through {@code RUN
 * --mount=type=ssh[,id=ID]}. Without a socket, {@code $SSH_AUTH_SOCK}. Key files (which buildctl
 * loads into an agent of its own) are not supported: start {@code ssh-agent} and pass its socket.
 */
public record SshSpec(String id, Path socket) {
  public static SshSpec parse(String spec, Map<String, String> env) {
    int eq = spec.indexOf('=');
    String id = eq < 0 ? spec : spec.substring(0, eq);
    if (id.isEmpty()) throw new IllegalArgumentException("--ssh '" + spec + "' needs an id (default or a name)");
    String path = eq < 0 ? env.get("SSH_AUTH_SOCK") : spec.substring(eq + 1).split(",")[0];
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("--ssh " + id + ": SSH_AUTH_SOCK is not set; pass --ssh " + id + "=SOCKET");
    }
    Path socket = Path.of(path);
    if (Files.isRegularFile(socket)) {
      throw new IllegalArgumentException("--ssh " + id + "=" + path + ": key files are not supported;"
          + " load the key into ssh-agent and pass its socket (or use SSH_AUTH_SOCK)");
    }
    if (!Files.exists(socket)) throw new IllegalArgumentException("--ssh " + id + "=" + path + ": no such socket");
    return new SshSpec(id, socket);
  }
}
