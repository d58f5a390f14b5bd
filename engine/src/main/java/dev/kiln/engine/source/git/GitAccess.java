package dev.kiln.engine.source.git;

import dev.kiln.engine.source.BuildInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;

/**
 * How one source operation reaches its remote: the HTTP Authorization header from the build's
 * secrets and, for an ssh remote, the build's forwarded agent ({@link GitSsh}), opened on the
 * first ssh connection and closed with this.
 */
final class GitAccess implements AutoCloseable {
  private final GitAttrs attrs;
  private final BuildInputs build;
  private final TransportConfigCallback http;
  private GitSsh ssh;

  private GitAccess(GitAttrs attrs, BuildInputs build, TransportConfigCallback http) {
    this.attrs = attrs;
    this.build = build;
    this.http = http;
  }

  static GitAccess open(GitAttrs attrs, BuildInputs build) throws IOException {
    Optional<String> header = GitAuth.header(attrs, build.secrets());
    return new GitAccess(attrs, build, GitAuth.callback(header, attrs.host()));
  }

  /** Configures every transport JGit opens for this operation (submodules' too). */
  TransportConfigCallback callback() {
    return this::configure;
  }

  private void configure(Transport transport) throws UncheckedIOException {
    http.configure(transport);
    if (!(transport instanceof SshTransport)) return;
    try {
      ssh().configure(transport);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized GitSsh ssh() throws IOException {
    if (ssh == null) ssh = GitSsh.open(attrs, build.sshAgents());
    return ssh;
  }

  @Override
  public synchronized void close() throws IOException {
    if (ssh != null) ssh.close();
    ssh = null;
  }
}
