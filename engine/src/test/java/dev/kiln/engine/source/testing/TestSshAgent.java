package dev.kiln.engine.source.testing;

import dev.kiln.engine.source.SshAgents;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A real {@code ssh-agent} (openssh) holding one freshly generated key, offered to builds as
 * {@link SshAgents} under one id: each served socket forwards its connections to the agent, as the
 * daemon forwards a client's agent over the session.
 */
public final class TestSshAgent implements SshAgents, AutoCloseable {
  private final String id;
  private final Path socket;
  private final Process agent;
  private final String publicKey;

  /** Starts an agent under {@code dir} holding a new ECDSA key, offered under {@code id}. */
  public TestSshAgent(Path dir, String id) throws IOException, InterruptedException {
    this.id = id;
    Files.createDirectories(dir);
    Path key = dir.resolve("id_ecdsa");
    run(Map.of(), "ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "kiln-test", "-f", key.toString());
    publicKey = Files.readString(dir.resolve("id_ecdsa.pub"));
    socket = dir.resolve("agent.sock");
    agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!Files.exists(socket)) {
      if (Instant.now().isAfter(deadline) || !agent.isAlive()) throw new IOException("ssh-agent did not start");
      Thread.sleep(20);
    }
    run(Map.of("SSH_AUTH_SOCK", socket.toString()), "ssh-add", "-q", key.toString());
  }

  /** The agent's own socket, as a client's {@code SSH_AUTH_SOCK}. */
  public Path socket() {
    return socket;
  }

  /** The agent's key as an OpenSSH public key line, for a server's authorized keys. */
  public String publicKey() {
    return publicKey;
  }

  @Override
  public boolean has(String id) {
    return this.id.equals(id);
  }

  @Override
  public AutoCloseable serve(String id, Path at) throws IOException {
    if (!has(id)) throw new IOException("no SSH agent for id '" + id + "'");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(at));
    Thread.ofVirtual().start(() -> {
      while (server.isOpen()) {
        try {
          SocketChannel client = server.accept();
          SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(socket));
          Thread.ofVirtual().start(() -> pipe(client, upstream));
          Thread.ofVirtual().start(() -> pipe(upstream, client));
        } catch (IOException e) {
          return; // closed
        }
      }
    });
    return () -> {
      server.close();
      Files.deleteIfExists(at);
    };
  }

  private static void pipe(SocketChannel from, SocketChannel to) {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    try (from; to) {
      while (from.read(buf) >= 0) {
        buf.flip();
        while (buf.hasRemaining()) to.write(buf);
        buf.clear();
      }
    } catch (IOException ignored) {
      // either side closed
    }
  }

  private static void run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + output);
  }

  @Override
  public void close() throws InterruptedException {
    agent.destroy();
    agent.waitFor();
  }
}
