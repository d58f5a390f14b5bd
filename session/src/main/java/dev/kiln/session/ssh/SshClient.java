package dev.kiln.session.ssh;

import dev.kiln.proto.session.ssh.BytesMessage;
import dev.kiln.proto.session.ssh.CheckAgentRequest;
import dev.kiln.proto.session.ssh.SSHGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The daemon's side of SSH: asks whether the client has an agent, and serves a unix socket whose
 * every connection becomes a {@code ForwardAgent} stream to the client (BuildKit's sshforward).
 */
public final class SshClient {
  /** The agent id of a ForwardAgent stream, as BuildKit sends it. */
  public static final Metadata.Key<String> ID_HEADER = Metadata.Key.of("buildkit.ssh.id", Metadata.ASCII_STRING_MARSHALLER);

  private SshClient() {}

  public static boolean hasAgent(Channel channel, String id) throws IOException {
    try {
      SSHGrpc.newBlockingStub(channel).checkAgent(CheckAgentRequest.newBuilder().setID(id).build());
      return true;
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND || code == Status.Code.UNIMPLEMENTED) return false;
      throw new IOException("asking the client for ssh agent '" + id + "': " + e.getStatus(), e);
    }
  }

  /** Listens at {@code socket} until closed; each connection is forwarded to agent {@code id}. */
  public static AutoCloseable serve(Channel channel, String id, Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread.ofVirtual().name("kiln-ssh-listen-" + id).start(() -> {
      try {
        while (true) {
          SocketChannel connection = server.accept();
          Thread.ofVirtual().name("kiln-ssh-conn-" + id).start(() -> forward(channel, id, connection));
        }
      } catch (IOException closed) {
        // the exec ended
      }
    });
    return server::close;
  }

  private static void forward(Channel channel, String id, SocketChannel connection) {
    Metadata headers = new Metadata();
    headers.put(ID_HEADER, id);
    StreamObserver<BytesMessage> toClient = SSHGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .forwardAgent(SocketStreams.writer(connection));
    SocketStreams.pump(connection, toClient);
  }
}
