package dev.kiln.daemon.listen;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.epoll.AbstractEpollServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollChannelConfig;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import java.net.SocketAddress;

/**
 * A listening socket another process bound (systemd socket activation). Netty's own server
 * channels always bind; this one takes the socket as it is, so the server's bind only marks it active.
 */
final class InheritedServerChannel extends AbstractEpollServerChannel {
  private final SocketAddress address;
  private final boolean unixDomain;
  private final EpollChannelConfig config = new EpollChannelConfig(this) {};
  private volatile boolean bound;

  InheritedServerChannel(int fd, SocketAddress address, boolean unixDomain) {
    super(fd);
    this.address = address;
    this.unixDomain = unixDomain;
  }

  @Override
  protected void doBind(SocketAddress ignored) {
    bound = true; // already bound and listening: systemd did both
  }

  @Override
  public boolean isActive() {
    return bound && isOpen();
  }

  @Override
  protected SocketAddress localAddress0() {
    return address;
  }

  @Override
  protected Channel newChildChannel(int fd, byte[] remote, int offset, int len) {
    return unixDomain ? new EpollDomainSocketChannel(fd) : new EpollSocketChannel(fd);
  }

  @Override
  public EpollChannelConfig config() {
    return config;
  }
}
