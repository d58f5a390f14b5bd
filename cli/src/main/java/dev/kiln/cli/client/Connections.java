package dev.kiln.cli.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.net.URI;

/** Opens a channel to a running kilnd from an {@code --addr} value. */
public final class Connections {
  private static final int MAX_MESSAGE = 32 << 20;
  /** One loop for all channels of this process, on daemon threads so it never holds the JVM open. */
  private static EventLoopGroup group;

  private static synchronized EventLoopGroup group() {
    if (group == null) {
      group = new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().daemon().name("kiln-client-", 0).factory(),
          EpollIoHandler.newFactory());
    }
    return group;
  }

  private Connections() {}

  /** @throws IllegalArgumentException for an address this client cannot use (a usage error) */
  public static ManagedChannel open(String addr) {
    dev.kiln.session.NettyLogging.quiet();
    URI uri = URI.create(addr);
    if (!"unix".equals(uri.getScheme()) || uri.getPath() == null || uri.getPath().isEmpty()) {
      throw new IllegalArgumentException("unsupported --addr '" + addr + "': use unix:///PATH");
    }
    // Clients send ":authority: localhost" on unix sockets (buildkit-wire §2.1).
    return NettyChannelBuilder.forAddress(new DomainSocketAddress(uri.getPath()))
        .channelType(EpollDomainSocketChannel.class)
        .eventLoopGroup(group())
        .usePlaintext()
        .overrideAuthority("localhost")
        .maxInboundMessageSize(MAX_MESSAGE)
        .build();
  }
}
