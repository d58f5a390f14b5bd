package dev.kiln.cli.embedded;

import dev.kiln.daemon.Daemon;
import io.grpc.Server;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * kilnd's serving path inside this process, on a unix socket: the AOT training run builds through
 * it with {@code --addr}, so the start-up cache also holds the Netty transport, the reversed
 * session tunnel and the daemon's socket side, which the in-process builds never load.
 */
public final class TrainingDaemon implements AutoCloseable {
  private final Daemon daemon;
  private final Server server;

  private TrainingDaemon(Daemon daemon, Server server) {
    this.daemon = daemon;
    this.server = server;
  }

  /** Opens the engine on {@code root} and serves it at {@code socket}. */
  public static TrainingDaemon serve(Path root, Path socket) throws IOException {
    Daemon daemon = Daemon.open(root);
    try {
      return new TrainingDaemon(daemon, daemon.listenUnix(socket));
    } catch (IOException | RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    daemon.close();
  }
}
