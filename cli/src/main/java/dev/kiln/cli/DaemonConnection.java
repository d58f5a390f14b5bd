package dev.kiln.cli;

import dev.kiln.cli.client.Connections;
import dev.kiln.cli.client.DaemonErrors;
import dev.kiln.cli.embedded.EmbeddedDaemon;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * A channel to the daemon a command talks to: kilnd at {@code --addr}/{@code KILN_HOST}, else the
 * engine started in-process on {@code --root}/{@code KILN_ROOT} (or the default root).
 */
record DaemonConnection(ManagedChannel channel, EmbeddedDaemon embedded) implements AutoCloseable {
  static DaemonConnection open(ConnectionOptions options, String root, PrintStream err) throws IOException {
    return open(options, root, null, err);
  }

  /** @param config kilnd.toml for the in-process engine, or null for the default file */
  static DaemonConnection open(ConnectionOptions options, String root, String config, PrintStream err) throws IOException {
    String address = options.addr != null ? options.addr : System.getenv("KILN_HOST");
    if (address != null && !address.isEmpty()) {
      ManagedChannel channel = Connections.open(address, options.tls());
      // Connect now, on the channel's own thread: the unix or TCP connect and the HTTP/2 settings
      // exchange (about 50 ms of a fresh client) overlap the session's set-up instead of following it.
      channel.getState(true);
      return new DaemonConnection(channel, null);
    }
    var target = EngineHeadStart.Target.of(root != null ? root : System.getenv("KILN_ROOT"), config);
    Optional<EmbeddedDaemon> ahead = EngineHeadStart.take(target);
    EmbeddedDaemon embedded = ahead.isPresent() ? ahead.get() : EmbeddedDaemon.start(target.root(), target.config(), err);
    return new DaemonConnection(embedded.channel(), embedded);
  }

  @Override
  public void close() throws IOException {
    channel.shutdownNow();
    if (embedded != null) {
      embedded.close();
    } else {
      Connections.release();
    }
  }

  /** One call on a daemon; returns the exit code. */
  interface Call {
    int run(DaemonConnection connection) throws IOException;
  }

  /** Opens the connection, makes {@code call}, and reports any failure through {@link DaemonErrors}. */
  static int call(ConnectionOptions options, String root, PrintStream err, Call call) {
    try (DaemonConnection connection = open(options, root, err)) {
      return call.run(connection);
    } catch (IOException | RuntimeException e) {
      return DaemonErrors.report(e, err);
    }
  }
}
