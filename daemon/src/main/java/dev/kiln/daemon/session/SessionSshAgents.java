package dev.kiln.daemon.session;

import dev.kiln.engine.source.SshAgents;
import dev.kiln.session.ssh.SshClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.nio.file.Path;

/** The ssh agents the client's session forwards (its {@code --ssh} flags). */
public record SessionSshAgents(DaemonSession session) implements SshAgents {
  @Override
  public boolean has(String id) throws IOException {
    return session != null && SshClient.hasAgent(session.channel(), id);
  }

  @Override
  public AutoCloseable serve(String id, Path socket) throws IOException {
    if (session == null) throw new IOException("no session to forward ssh agent '" + id + "' from");
    return SshClient.serve(session.channel(), id, socket);
  }
}
