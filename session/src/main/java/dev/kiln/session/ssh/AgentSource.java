package dev.kiln.session.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What answers one {@code --ssh} id: a running agent's unix socket, or private keys this process
 * loaded and serves itself (BuildKit's sshprovider, which does the same with key files).
 */
public sealed interface AgentSource {
  /** Connections are forwarded to this agent socket. */
  record Socket(Path path) implements AgentSource {}

  /** An in-memory agent holding these keys; nothing is written to disk. */
  record Keys(List<SshKey> keys) implements AgentSource {
    public Keys {
      keys = List.copyOf(keys);
    }
  }

  /**
   * BuildKit's rule: each path is an agent socket or an unencrypted private key file (OpenSSH
   * format, or RSA in PEM); one socket alone, or key files only.
   *
   * @throws IOException naming the path that is missing, unreadable, encrypted or not a key
   */
  static AgentSource of(List<Path> paths) throws IOException {
    if (paths.isEmpty()) throw new IllegalArgumentException("no agent socket or key file given");
    List<SshKey> keys = new ArrayList<>();
    Path socket = null;
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        keys.addAll(OpenSshKeyFile.load(path));
      } else if (Files.exists(path)) {
        if (socket != null) throw new IOException("only one agent socket per id (" + socket + ", " + path + ")");
        socket = path;
      } else {
        throw new IOException(path + ": no such key file or agent socket");
      }
    }
    if (socket != null && !keys.isEmpty()) {
      throw new IOException("an agent socket (" + socket + ") and key files cannot be mixed in one id");
    }
    return socket != null ? new Socket(socket) : new Keys(keys);
  }
}
