package dev.kiln.session;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * gRPC sets SO_KEEPALIVE on every channel, and Netty warns on each connection over a local or
 * unix-domain channel that has no such option; that noise would land in every build's output.
 */
public final class NettyLogging {
  /** Held so the level sticks (JUL keeps loggers weakly). */
  private static final Logger BOOTSTRAP = Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

  static {
    BOOTSTRAP.setLevel(Level.SEVERE);
  }

  private NettyLogging() {}

  /** Idempotent; call before opening channels. */
  public static void quiet() {
    BOOTSTRAP.fine("quieted");
  }
}
