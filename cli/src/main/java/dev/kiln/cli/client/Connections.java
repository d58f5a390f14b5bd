package dev.kiln.cli.client;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/** Opens a channel to a running kilnd from an {@code --addr} value: {@code unix:///PATH} or {@code tcp://HOST:PORT}. */
public final class Connections {
  private static final int MAX_MESSAGE = 32 << 20;
  private static final ClientLoop LOOP = new ClientLoop("kiln-client-");

  private Connections() {}

  /** Says that a channel from {@link #open} was shut down: the last one stops the event loop. */
  public static void release() {
    LOOP.release();
  }

  public static ManagedChannel open(String addr) {
    return open(addr, ClientTls.NONE);
  }

  /** @throws IllegalArgumentException for an address this client cannot use (a usage error) */
  public static ManagedChannel open(String addr, ClientTls tls) {
    dev.kiln.session.NettyLogging.quiet();
    URI uri = URI.create(addr);
    NettyChannelBuilder builder = switch (uri.getScheme() == null ? "" : uri.getScheme()) {
      case "unix" -> {
        if (uri.getPath() == null || uri.getPath().isEmpty()) throw unsupported(addr);
        // Clients send ":authority: localhost" on unix sockets (buildkit-wire §2.1).
        yield NettyChannelBuilder.forAddress(new DomainSocketAddress(uri.getPath()), InsecureChannelCredentials.create())
            .channelType(EpollDomainSocketChannel.class)
            .overrideAuthority("localhost");
      }
      case "tcp" -> {
        if (uri.getHost() == null || uri.getPort() < 0) throw unsupported(addr);
        NettyChannelBuilder tcp = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort(), credentials(tls))
            .channelType(EpollSocketChannel.class);
        tls.serverName().ifPresent(tcp::overrideAuthority);
        yield tcp;
      }
      default -> throw unsupported(addr);
    };
    return builder.eventLoopGroup(LOOP.acquire()).maxInboundMessageSize(MAX_MESSAGE).build();
  }

  private static io.grpc.ChannelCredentials credentials(ClientTls tls) {
    if (!tls.enabled()) return InsecureChannelCredentials.create();
    try {
      return tls.credentials();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the TLS files: " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException unsupported(String addr) {
    return new IllegalArgumentException("unsupported --addr '" + addr + "': use unix:///PATH or tcp://HOST:PORT");
  }
}
