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
import java.util.concurrent.TimeUnit;

/**
 * BuildKit's session transport: a gRPC client over an HTTP/2 connection whose bytes travel inside
 * the {@code Control.Session} stream (buildkit-wire §3.2), spliced through a Netty local channel.
 */
final class TunnelTransport {
  private TunnelTransport() {}

  /** @param onClientEnd runs once when the client ends the outer stream */
  static DaemonTransport open(StreamObserver<BytesMessage> toClient, Runnable onClientEnd) {
    EventLoopGroup group = Tunnels.newGroup();
    ByteSink fromClient = new ByteSink(onClientEnd);
    LocalAddress address = Tunnels.newAddress("session-daemon");
    BytePump pump = new BytePump(toClient);
    // The tunnel's far end: the one connection our gRPC client makes lands here and is spliced to the stream.
    Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {
            ch.pipeline().addLast(pump);
            fromClient.connect(ch);
          }
        })
        .bind(address).syncUninterruptibly().channel();
    ManagedChannel channel = NettyChannelBuilder.forAddress(address)
        .channelType(LocalChannel.class)
        .eventLoopGroup(group)
        .usePlaintext()
        .overrideAuthority("localhost")
        .maxInboundMessageSize(Tunnels.MAX_MESSAGE)
        .build();
    channel.getState(true); // connect now, so the client's SETTINGS get an answer
    return new DaemonTransport(channel, fromClient, () -> {
      channel.shutdownNow();
      server.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    });
  }
}
