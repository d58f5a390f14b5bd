package dev.kiln.engine.source.git;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * JGit's ssh-agent client over one unix socket, with the JDK's own unix-domain channels (JGit's
 * stock connectors need JNA). The socket is the build's forwarded agent, so whatever {@code
 * IdentityAgent} or {@code SSH_AUTH_SOCK} the daemon's environment names is ignored.
 */
final class AgentConnector extends AbstractConnector {
  private final Path socket;
  private SocketChannel channel;

  AgentConnector(Path socket) {
    this.socket = socket;
  }

  /** A factory whose every connector talks to {@code socket}. */
  static ConnectorFactory factory(Path socket) {
    return new Factory(socket);
  }

  @Override
  public synchronized boolean connect() throws IOException {
    if (channel != null) return true;
    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      c.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      c.close();
      return false; // JGit then authenticates without agent keys
    }
    channel = c;
    return true;
  }

  @Override
  public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
    if (channel == null) throw new IOException("ssh agent at " + socket + " is not connected");
    prepareMessage(command, message);
    ByteBuffer out = ByteBuffer.wrap(message);
    while (out.hasRemaining()) channel.write(out);
    int length = toLength(command, read(4));
    return read(length);
  }

  private byte[] read(int n) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(n);
    while (in.hasRemaining()) {
      if (channel.read(in) < 0) throw new EOFException("ssh agent at " + socket + " closed the connection");
    }
    return in.array();
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) channel.close();
    channel = null;
  }

  private record Factory(Path socket) implements ConnectorFactory, ConnectorFactory.ConnectorDescriptor {
    @Override
    public Connector create(String usedAddress, File homeDir) {
      return new AgentConnector(socket);
    }

    @Override
    public boolean isSupported() {
      return true;
    }

    @Override
    public String getName() {
      return "kiln-forwarded-agent";
    }

    @Override
    public Collection<ConnectorDescriptor> getSupportedConnectors() {
      return List.of(this);
    }

    @Override
    public ConnectorDescriptor getDefaultConnector() {
      return this;
    }

    @Override
    public String getIdentityAgent() {
      return socket.toString();
    }

    @Override
    public String getDisplayName() {
      return "the build's forwarded ssh agent";
    }
  }
}
