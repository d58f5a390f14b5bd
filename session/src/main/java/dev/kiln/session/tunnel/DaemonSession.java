package dev.kiln.session.tunnel;

import dev.kiln.proto.control.BytesMessage;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.bootstrap.ServerBootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.local.LocalAddress;
import io.grpc.netty.shaded.io.netty.channel.local.LocalChannel;
import io.grpc.netty.shaded.io.netty.channel.local.LocalServerChannel;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The daemon end of a session: given the {@code Control.Session} call's response observer, runs a
 * gRPC client over the tunnel ({@link #channel()}) to call the services the client exposes. Pass
 * {@link #fromClient()} as the call's request observer. Thread-safe.
 */
public final class DaemonSession implements AutoCloseable {
  private final String id;
  private final String sharedKey;
  private final Set<String> methods;
  private final EventLoopGroup group;
  private final Channel server;
  private final ManagedChannel channel;
  private final ByteSink fromClient;
  private final CountDownLatch ended = new CountDownLatch(1);

  private DaemonSession(String id, String sharedKey, Set<String> methods, StreamObserver<BytesMessage> toClient) {
    this.id = id;
    this.sharedKey = sharedKey;
    this.methods = methods;
    this.group = Tunnels.newGroup();
    this.fromClient = new ByteSink(this::onClientEnd);
    LocalAddress address = Tunnels.newAddress("session-daemon");
    BytePump pump = new BytePump(toClient);
    // The tunnel's far end: the one connection our gRPC client makes lands here and is spliced to the stream.
    this.server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {
            ch.pipeline().addLast(pump);
            fromClient.connect(ch);
          }
        })
        .bind(address).syncUninterruptibly().channel();
    this.channel = NettyChannelBuilder.forAddress(address)
        .channelType(LocalChannel.class)
        .eventLoopGroup(group)
        .usePlaintext()
        .overrideAuthority("localhost")
        .maxInboundMessageSize(Tunnels.MAX_MESSAGE)
        .build();
    channel.getState(true); // connect now, so the client's SETTINGS get an answer
  }

  /**
   * @param methods the {@code x-docker-expose-session-grpc-method} values the client sent
   * @param toClient the {@code Control.Session} call's response observer
   */
  public static DaemonSession open(String id, List<String> methods, StreamObserver<BytesMessage> toClient) {
    return open(id, "", methods, toClient);
  }

  /** @param sharedKey the client's {@code x-docker-expose-session-sharedkey}: synced dirs are reused under it */
  public static DaemonSession open(String id, String sharedKey, List<String> methods, StreamObserver<BytesMessage> toClient) {
    Set<String> lower = Set.copyOf(methods.stream().map(m -> m.toLowerCase(java.util.Locale.ROOT)).toList());
    return new DaemonSession(id, sharedKey == null ? "" : sharedKey, lower, toClient);
  }

  public String sharedKey() {
    return sharedKey;
  }

  public String id() {
    return id;
  }

  /** The request observer of the outer call. */
  public StreamObserver<BytesMessage> fromClient() {
    return fromClient;
  }

  /** Calls the client's services over the tunnel. */
  public ManagedChannel channel() {
    return channel;
  }

  /** Whether the client serves {@code /pkg.Service/Method} (compared case-insensitively, like BuildKit). */
  public boolean supports(String fullMethod) {
    return methods.contains(fullMethod.toLowerCase(java.util.Locale.ROOT));
  }

  /** Blocks until the client ended the session or the timeout passed; true when it ended. */
  public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
    return ended.await(timeout, unit);
  }

  public boolean isEnded() {
    return ended.getCount() == 0;
  }

  private void onClientEnd() {
    ended.countDown();
    close();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
