package dev.kiln.engine.source.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An ssh server on loopback (Apache MINA sshd) that serves {@code git-upload-pack} for every
 * repository under a directory with JGit, accepting only the public keys it is given. Its host key
 * is generated per instance; {@link #knownHostsLine} is the line a known_hosts file needs for it.
 */
public final class GitSshServer implements AutoCloseable {
  private final SshServer server;
  private final Path base;
  private final List<String> authorized = new CopyOnWriteArrayList<>();

  public GitSshServer(Path base, Path hostKey, int port) throws IOException {
    this.base = base;
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(port);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
    keys.setAlgorithm("EC");
    server.setKeyPairProvider(keys);
    server.setPublickeyAuthenticator((user, key, session) -> authorized.contains(PublicKeyEntry.toString(key)));
    server.setCommandFactory((channel, command) -> new UploadPackCommand(base, command));
    server.start();
  }

  /** Accepts {@code publicKeyLine} (an OpenSSH {@code .pub} line: type, base64, comment). */
  public GitSshServer authorize(String publicKeyLine) {
    String[] parts = publicKeyLine.strip().split("\\s+");
    authorized.add(parts[0] + " " + parts[1]);
    return this;
  }

  public int port() {
    return server.getPort();
  }

  /** {@code ssh://git@127.0.0.1:<port>/<name>.git} */
  public String url(String name) {
    return "ssh://git@127.0.0.1:" + port() + "/" + name + ".git";
  }

  /** This server's host key as a known_hosts line. */
  public String knownHostsLine() throws IOException, java.security.GeneralSecurityException {
    PublicKey key = server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
    String host = port() == 22 ? "127.0.0.1" : "[127.0.0.1]:" + port();
    return host + " " + PublicKeyEntry.toString(key) + "\n";
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** {@code git-upload-pack '<path>'} on a repository under the base directory. */
  private static final class UploadPackCommand implements Command {
    private final Path base;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadPackCommand(Path base, String command) {
      this.base = base;
      this.command = command;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread.ofVirtual().start(this::serve);
    }

    private void serve() {
      int status = 0;
      String message = null;
      try {
        if (!command.startsWith("git-upload-pack ")) throw new IOException("unsupported command: " + command);
        String path = command.substring("git-upload-pack ".length()).replace("'", "").replaceFirst("^/+", "");
        Path dir = base.resolve(path).normalize();
        if (!dir.startsWith(base) || !Files.isDirectory(dir)) throw new IOException("no repository " + path);
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
          new UploadPack(repo).upload(in, out, err);
        }
      } catch (Exception e) {
        status = 1;
        message = String.valueOf(e.getMessage());
        try {
          err.write((message + "\n").getBytes());
          err.flush();
        } catch (IOException ignored) {
          // the client went away
        }
      } finally {
        try {
          out.flush();
        } catch (IOException ignored) {
          // the client went away
        }
        exit.onExit(status, message == null ? "" : message);
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }
  }
}
