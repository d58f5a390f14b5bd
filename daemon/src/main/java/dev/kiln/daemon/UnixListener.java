package dev.kiln.daemon;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Executor;

/** gRPC over HTTP/2 cleartext on a unix domain socket (epoll, bundled with grpc-netty-shaded). */
final class UnixListener {
  private UnixListener() {}

  static Server start(Path socket, List<ServerServiceDefinition> services, Executor executor) throws IOException {
    dev.kiln.session.NettyLogging.quiet();
    Files.createDirectories(socket.toAbsolutePath().getParent());
    Files.deleteIfExists(socket); // a stale socket from a previous run; the state lock guards against two daemons
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers)
        .executor(executor)
        .maxInboundMessageSize(Daemon.MAX_MESSAGE);
    services.forEach(builder::addService);
    Server server = builder.build().start();
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    Thread.ofPlatform().daemon().start(() -> {
      try {
        server.awaitTermination();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      boss.shutdownGracefully();
      workers.shutdownGracefully();
    });
    return server;
  }
}
