package dev.kiln.session.tunnel;

import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.local.LocalAddress;
import io.grpc.netty.shaded.io.netty.channel.local.LocalIoHandler;
import java.util.UUID;

/** Shared plumbing of both tunnel ends. */
final class Tunnels {
  /** Inner messages (file chunks, packets) stay far below this; BuildKit clients allow 16 MiB. */
  static final int MAX_MESSAGE = 32 << 20;

  /** Held so the level sticks: gRPC asks a LocalChannel for SO_KEEPALIVE and Netty warns on every connect. */
  private static final java.util.logging.Logger BOOTSTRAP_LOG = quiet("io.grpc.netty.shaded.io.netty.bootstrap");

  private Tunnels() {}

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  static EventLoopGroup newGroup() {
    BOOTSTRAP_LOG.fine("new tunnel");
    return new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().daemon().name("kiln-session-tunnel-", 0).factory(),
        LocalIoHandler.newFactory());
  }

  static LocalAddress newAddress(String role) {
    return new LocalAddress("kiln-" + role + "-" + UUID.randomUUID());
  }
}
