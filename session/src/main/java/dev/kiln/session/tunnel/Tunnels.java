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

  private Tunnels() {}

  static EventLoopGroup newGroup() {
    dev.kiln.session.NettyLogging.quiet();
    return new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().daemon().name("kiln-session-tunnel-", 0).factory(),
        LocalIoHandler.newFactory());
  }

  static LocalAddress newAddress(String role) {
    return new LocalAddress("kiln-" + role + "-" + UUID.randomUUID());
  }
}
