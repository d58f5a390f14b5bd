package dev.kiln.daemon.listen;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Starts gRPC servers (HTTP/2 over Netty epoll) for kilnd's {@code --addr}es: unix sockets (mode
 * 0660), TCP (TLS, mutual when a CA is given; plaintext only when explicitly allowed) and sockets
 * passed by systemd. Each server removes its unix socket file when it terminates.
 */
public final class Listeners {
  private final List<ServerServiceDefinition> services;
  private final Executor executor;
  private final int maxMessage;
  private final List<Path> socketFiles = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Listeners(List<ServerServiceDefinition> services, Executor executor, int maxMessage) {
    this.services = List.copyOf(services);
    this.executor = executor;
    this.maxMessage = maxMessage;
  }

  /** The default address for this user: {@code unix:///run/kiln/kilnd.sock} as root, else under XDG_RUNTIME_DIR. */
  public static String defaultAddress() {
    return ListenAddress.defaultAddress();
  }

  /**
   * @param tls TLS files for {@code tcp://} (and TCP sockets from systemd)
   * @param insecureTcp allow {@code tcp://} without TLS
   * @throws IllegalArgumentException for a bad address or TCP without TLS when not allowed
   */
  public List<Server> start(String addr, Optional<TlsFiles> tls, boolean insecureTcp) throws IOException {
    dev.kiln.session.NettyLogging.quiet();
    return switch (ListenAddress.parse(addr)) {
      case ListenAddress.Unix(Path socket) -> List.of(unix(socket));
      case ListenAddress.Tcp(String host, int port) -> {
        requireTls(addr, tls, insecureTcp);
        yield List.of(serve(NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials(tls))
            .channelType(EpollServerSocketChannel.class), null));
      }
      case ListenAddress.Fd() -> {
        List<Server> servers = new ArrayList<>();
        for (SystemdSockets.Inherited s : SystemdSockets.take(System.getenv(), ProcessHandle.current().pid())) {
          if (!s.unixDomain()) requireTls(addr + " (TCP socket " + s.address() + ")", tls, insecureTcp);
          ServerCredentials creds = s.unixDomain() ? InsecureServerCredentials.create() : credentials(tls);
          servers.add(serve(NettyServerBuilder.forAddress(s.address(), creds)
              .channelFactory(() -> new InheritedServerChannel(s.fd(), s.address(), s.unixDomain())), null));
        }
        yield servers;
      }
    };
  }

  private static void requireTls(String addr, Optional<TlsFiles> tls, boolean insecureTcp) {
    if (tls.isEmpty() && !insecureTcp) {
      throw new IllegalArgumentException("'" + addr + "' needs --tlscert and --tlskey (and --tlscacert for mTLS),"
          + " or --insecure-tcp to accept anyone who can reach the port");
    }
  }

  private Server unix(Path socket) throws IOException {
    Files.createDirectories(socket.toAbsolutePath().getParent());
    Files.deleteIfExists(socket); // a stale socket from a previous run; the state lock guards against two daemons
    Server server = serve(NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollServerDomainSocketChannel.class), socket);
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
    socketFiles.add(socket);
    return server;
  }

  private static ServerCredentials credentials(Optional<TlsFiles> tls) throws IOException {
    return tls.isPresent() ? tls.get().credentials() : InsecureServerCredentials.create();
  }

  /** @param socketFile removed once the server has terminated, or null */
  private Server serve(NettyServerBuilder builder, Path socketFile) throws IOException {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    builder.bossEventLoopGroup(boss).workerEventLoopGroup(workers).executor(executor).maxInboundMessageSize(maxMessage);
    services.forEach(builder::addService);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException | RuntimeException e) {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
      throw e;
    }
    Thread.ofPlatform().daemon().name("kilnd-listener").start(() -> {
      try {
        server.awaitTermination();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      boss.shutdownGracefully();
      workers.shutdownGracefully();
      if (socketFile != null) removeSocket(socketFile);
    });
    return server;
  }

  /** Removes the unix socket files of the servers started here (after they have stopped). */
  public void removeSockets() {
    socketFiles.forEach(Listeners::removeSocket);
  }

  private static void removeSocket(Path socket) {
    try {
      Files.deleteIfExists(socket);
    } catch (IOException ignored) {
      // best effort: the next start removes a stale socket anyway
    }
  }
}
