package dev.kiln.daemon;

import dev.kiln.daemon.listen.Listeners;
import io.grpc.Server;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kilnd's SIGTERM/SIGINT path: stop accepting connections, cancel running builds (closing the
 * daemon ends their sessions and interrupts their steps), then close the engine so the store is
 * left consistent; servers remove their unix sockets as they terminate.
 */
final class Shutdown {
  private static final long GRACE_SECONDS = 10;

  private Shutdown() {}

  static void run(List<Server> servers, Listeners listeners, Daemon daemon) {
    System.err.println("kilnd: shutting down");
    servers.forEach(Server::shutdown);
    try {
      daemon.close();
    } catch (Exception e) {
      System.err.println("kilnd: closing the engine: " + e.getMessage());
    }
    for (Server server : servers) {
      try {
        if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    listeners.removeSockets();
  }
}
