package dev.kiln.session.ssh;

import dev.kiln.proto.session.ssh.BytesMessage;
import dev.kiln.proto.session.ssh.CheckAgentRequest;
import dev.kiln.proto.session.ssh.CheckAgentResponse;
import dev.kiln.proto.session.ssh.SSHGrpc;
import dev.kiln.session.HeadersInterceptor;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * The client's SSH service (buildctl's {@code --ssh}): each {@code ForwardAgent} stream, for the
 * agent id in its {@code buildkit.ssh.id} header, becomes one connection to that agent's local
 * unix socket, bytes copied both ways, or is answered by an in-memory agent holding the key files
 * given for that id.
 */
public final class SshProvider implements BindableService {
  private final Map<String, AgentSource> agents;

  /** @param agents agent by id ({@code default} for {@code --ssh default}) */
  public SshProvider(Map<String, AgentSource> agents) {
    this.agents = Map.copyOf(agents);
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerInterceptors.intercept(new Service(), new HeadersInterceptor());
  }

  private final class Service extends SSHGrpc.SSHImplBase {
    @Override
    public void checkAgent(CheckAgentRequest request, StreamObserver<CheckAgentResponse> response) {
      if (!agents.containsKey(idOf(request.getID()))) {
        response.onError(Status.NOT_FOUND.withDescription("no ssh agent " + idOf(request.getID())).asRuntimeException());
        return;
      }
      response.onNext(CheckAgentResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public StreamObserver<BytesMessage> forwardAgent(StreamObserver<BytesMessage> toDaemon) {
      String id = idOf(HeadersInterceptor.current().get(SshClient.ID_HEADER));
      SocketChannel agent;
      try {
        switch (agents.get(id)) {
          case null -> throw new IOException("no ssh agent " + id);
          case AgentSource.Keys keys -> {
            return new KeyAgentConnection(new KeyAgent(keys.keys()), toDaemon);
          }
          case AgentSource.Socket(Path socket) -> agent = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        }
      } catch (IOException e) {
        toDaemon.onError(Status.UNAVAILABLE.withDescription("ssh agent " + id + ": " + e.getMessage()).asRuntimeException());
        return new Discard();
      }
      Thread.ofVirtual().name("kiln-ssh-agent-" + id).start(() -> SocketStreams.pump(agent, toDaemon));
      return SocketStreams.writer(agent);
    }
  }

  private static String idOf(String id) {
    return id == null || id.isEmpty() ? "default" : id;
  }

  private static final class Discard implements StreamObserver<BytesMessage> {
    @Override
    public void onNext(BytesMessage value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
