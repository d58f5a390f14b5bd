package dev.kiln.engine.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The ssh agents a build's client forwards (buildctl's {@code --ssh}), by id ({@code default}
 * unless named). An exec with an ssh mount gets a unix socket on the host whose connections reach
 * the agent, wherever the client is.
 */
public interface SshAgents {
  SshAgents NONE = new SshAgents() {
    @Override
    public boolean has(String id) {
      return false;
    }

    @Override
    public AutoCloseable serve(String id, Path socket) throws IOException {
      throw new IOException("no SSH agent for id '" + id + "'");
    }
  };

  /** Whether the client forwards an agent under {@code id}. */
  boolean has(String id) throws IOException;

  /**
   * Listens on a new unix socket at {@code socket}, forwarding each connection to agent {@code
   * id}, until the returned handle is closed (which also removes the socket).
   */
  AutoCloseable serve(String id, Path socket) throws IOException;
}
