package dev.kiln.session.tunnel;

import dev.kiln.proto.control.BytesMessage;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.session.SessionHeaders;
import dev.kiln.session.filesend.FileSendProvider;
import dev.kiln.session.filesync.FileSyncProvider;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.local.LocalAddress;
import io.grpc.netty.shaded.io.netty.channel.local.LocalChannel;
import io.grpc.netty.shaded.io.netty.channel.local.LocalServerChannel;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client end of a session: opens {@code Control.Session} and serves the given services (file
 * sync, secrets, file send) to the daemon over it. Roles are reversed inside the tunnel: this side
 * runs an HTTP/2 gRPC server, on a Netty local channel whose bytes are pumped through the outer
 * stream (buildkit-wire §3.2). Close after the build's {@code Solve} returned.
 */
public final class ClientSession implements AutoCloseable {
  private final StreamObserver<BytesMessage> toDaemon;
  private final CountDownLatch ended;
  /** Stops what serves the services: the tunnel's server, channel and event loops, or the in-process server. */
  private final Runnable stopServing;

  private ClientSession(StreamObserver<BytesMessage> toDaemon, CountDownLatch ended, Runnable stopServing) {
    this.toDaemon = toDaemon;
    this.ended = ended;
    this.stopServing = stopServing;
  }

  /**
   * Starts serving {@code services} to the daemon behind {@code control} under session {@code id}.
   *
   * @param name the session name BuildKit shows (basename of the working directory)
   */
  public static ClientSession start(ControlGrpc.ControlStub control, String id, String name,
      List<BindableService> services) throws IOException {
    return start(control, id, name, "", services);
  }

  /** @param sharedKey lets the daemon reuse what earlier sessions with the same key synced */
  public static ClientSession start(ControlGrpc.ControlStub control, String id, String name, String sharedKey,
      List<BindableService> services) throws IOException {
    EventLoopGroup group = Tunnels.newGroup();
    LocalAddress address = Tunnels.newAddress("session-client");
    NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
        .channelType(LocalServerChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .maxInboundMessageSize(Tunnels.MAX_MESSAGE);
    List<ServerServiceDefinition> definitions = definitions(services);
    definitions.forEach(builder::addService);
    Server server = builder.build().start();
    CountDownLatch ended = new CountDownLatch(1);
    ByteSink fromDaemon = new ByteSink(ended::countDown);
    StreamObserver<BytesMessage> toDaemon = control
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(id, name, sharedKey, definitions)))
        .session(fromDaemon);
    BytePump pump = new BytePump(toDaemon);
    Channel channel = new Bootstrap().group(group).channel(LocalChannel.class).handler(pump)
        .connect(address).syncUninterruptibly().channel();
    fromDaemon.connect(channel);
    return new ClientSession(toDaemon, ended, () -> {
      channel.close();
      server.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    });
  }

  /**
   * Like {@link #start}, for a daemon in this JVM reached over the in-process transport (the
   * embedded mode): the services are served in-process and the daemon calls them directly, with no
   * tunnel in the stream. A daemon elsewhere would not find the server: use {@link #start} there.
   * The daemon reads the directories of a {@link FileSyncProvider} in place and writes its FileSend output file in place ({@link InProcessClients}).
   */
  public static ClientSession startInProcess(ControlGrpc.ControlStub control, String id, String name, String sharedKey,
      List<BindableService> services) throws IOException {
    String serverName = "kiln-session-" + UUID.randomUUID();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(serverName).maxInboundMessageSize(Tunnels.MAX_MESSAGE);
    List<ServerServiceDefinition> definitions = definitions(services);
    definitions.forEach(builder::addService);
    Server server = builder.build().start();
    // Before the session call: the daemon looks them up when the call arrives.
    Map<String, Path> dirs = new HashMap<>();
    services.stream().filter(FileSyncProvider.class::isInstance).forEach(s -> dirs.putAll(((FileSyncProvider) s).dirs()));
    Optional<Path> outputFile = services.stream().filter(FileSendProvider.class::isInstance)
        .flatMap(s -> ((FileSendProvider) s).localFile().stream()).findFirst();
    InProcessClients.register(serverName, dirs, outputFile);
    CountDownLatch ended = new CountDownLatch(1);
    Metadata headers = headers(id, name, sharedKey, definitions);
    headers.put(SessionHeaders.IN_PROCESS_SERVER, serverName);
    StreamObserver<BytesMessage> toDaemon = control
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        // Never connected to a tunnel: it only reports the stream's end.
        .session(new ByteSink(ended::countDown));
    return new ClientSession(toDaemon, ended, () -> {
      InProcessClients.unregister(serverName);
      server.shutdownNow();
    });
  }

  private static List<ServerServiceDefinition> definitions(List<BindableService> services) {
    List<ServerServiceDefinition> definitions = new ArrayList<>();
    // BuildKit closes a session whose health checks fail twice; kilnd does not ask, buildkitd does.
    definitions.add(new HealthStatusManager().getHealthService().bindService());
    services.forEach(s -> definitions.add(s.bindService()));
    return definitions;
  }

  private static Metadata headers(String id, String name, String sharedKey, List<ServerServiceDefinition> services) {
    Metadata headers = new Metadata();
    headers.put(SessionHeaders.SESSION_ID, id);
    headers.put(SessionHeaders.SESSION_NAME, name);
    headers.put(SessionHeaders.SHARED_KEY, sharedKey);
    for (ServerServiceDefinition service : services) {
      service.getMethods().forEach(m ->
          headers.put(SessionHeaders.GRPC_METHOD, "/" + m.getMethodDescriptor().getFullMethodName()));
    }
    return headers;
  }

  /** Half-closes the session, as buildctl does after {@code Solve}, and waits briefly for the daemon to end it. */
  @Override
  public void close() {
    try {
      toDaemon.onCompleted();
    } catch (IllegalStateException alreadyEnded) {
      // the daemon ended the call first
    }
    try {
      ended.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopServing.run();
  }
}
