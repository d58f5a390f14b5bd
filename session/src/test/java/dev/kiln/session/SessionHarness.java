package dev.kiln.session;

import dev.kiln.proto.control.BytesMessage;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.session.tunnel.ClientSession;
import dev.kiln.session.tunnel.DaemonSession;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A daemon that only accepts sessions, in-process: tests open a client session and get the daemon's end. */
public final class SessionHarness implements AutoCloseable {
  private final LinkedBlockingQueue<DaemonSession> sessions = new LinkedBlockingQueue<>();
  private final Server server;
  private final ManagedChannel channel;

  public SessionHarness() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerInterceptors.intercept(new SessionOnly(), new HeadersInterceptor())).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  /** Starts a client session exposing {@code services}. */
  public ClientSession open(String id, List<BindableService> services) throws IOException {
    return ClientSession.start(ControlGrpc.newStub(channel), id, "test", services);
  }

  /** The daemon's end of the next session opened. */
  public DaemonSession next() throws InterruptedException {
    return sessions.poll(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private final class SessionOnly extends ControlGrpc.ControlImplBase {
    @Override
    public StreamObserver<BytesMessage> session(StreamObserver<BytesMessage> toClient) {
      Metadata headers = HeadersInterceptor.current();
      DaemonSession session = DaemonSession.open(headers.get(SessionHeaders.SESSION_ID),
          HeadersInterceptor.all(headers, SessionHeaders.GRPC_METHOD), toClient);
      sessions.add(session);
      return session.fromClient();
    }
  }
}
