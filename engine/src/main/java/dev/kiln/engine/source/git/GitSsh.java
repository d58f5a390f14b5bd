package dev.kiln.engine.source.git;

import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.source.SshAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * ssh for one git source operation, as BuildKit's git source does it: keys only from the build's
 * forwarded agent ({@code git.mountsshsock}, "default" unless named), host keys only from {@code
 * git.knownsshhosts} or, without it, the daemon user's {@code ~/.ssh/known_hosts}, and an unknown
 * or changed host key is an error (never accepted on first use). Nothing else from the daemon's
 * {@code ~/.ssh} is read: no config, no identity files.
 */
final class GitSsh implements AutoCloseable {
  private final Path dir;
  private final AutoCloseable forwarding;
  private final SshdSessionFactory sessions;

  private GitSsh(Path dir, AutoCloseable forwarding, SshdSessionFactory sessions) {
    this.dir = dir;
    this.forwarding = forwarding;
    this.sessions = sessions;
  }

  static GitSsh open(GitAttrs attrs, SshAgents agents) throws IOException {
    String id = attrs.sshAgentId();
    if (!agents.has(id)) {
      throw new IOException("no SSH agent '" + id + "' forwarded for " + attrs.publicUrl()
          + ": pass one with --ssh " + id + "[=SOCKET]");
    }
    // Short, private directory: a unix socket path must stay under 108 bytes.
    Path dir = Files.createTempDirectory("kiln-git-ssh-");
    AutoCloseable forwarding = null;
    try {
      Path socket = dir.resolve("agent.sock");
      forwarding = agents.serve(id, socket);
      Path knownHosts = attrs.knownSshHosts().isEmpty()
          ? Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")
          : Files.writeString(dir.resolve("known_hosts"), attrs.knownSshHosts());
      Path config = Files.writeString(dir.resolve("config"), "Host *\n  StrictHostKeyChecking yes\n  BatchMode yes\n");
      SshdSessionFactory sessions = new SshdSessionFactoryBuilder()
          .setHomeDirectory(dir.toFile())
          .setSshDirectory(dir.toFile())
          .setConfigFile(ssh -> config.toFile())
          .setDefaultKnownHostsFiles(ssh -> List.of(knownHosts))
          .setDefaultIdentities(ssh -> List.of())
          .setPreferredAuthentications("publickey")
          .setConnectorFactory(AgentConnector.factory(socket))
          .build(null);
      return new GitSsh(dir, forwarding, sessions);
    } catch (IOException | RuntimeException e) {
      closeQuietly(forwarding);
      Trees.deleteRecursively(dir);
      throw e;
    }
  }

  /** Points an ssh transport at this session factory; other transports are left alone. */
  void configure(Transport transport) {
    if (transport instanceof SshTransport ssh) ssh.setSshSessionFactory(sessions);
  }

  @Override
  public void close() throws IOException {
    sessions.close();
    closeQuietly(forwarding);
    Trees.deleteRecursively(dir);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception ignored) {
      // the socket's directory is deleted right after
    }
  }
}
