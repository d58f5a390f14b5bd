package dev.kiln.cli;

import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.InfoRequest;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln version}: this client's version and, when a daemon is named ({@code --addr} or
 * KILN_HOST), the daemon's, from {@code Control.Info} as {@code buildctl --version} shows BuildKit's.
 */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Show the client's and the daemon's versions.")
final class VersionCommand implements Callable<Integer> {
  private final Stdio stdio;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @ParentCommand KilnCommand parent;

  VersionCommand(Stdio stdio) {
    this.stdio = stdio;
  }

  @Override
  public Integer call() {
    stdio.out().println("Client: " + new KilnVersion().getVersion()[0]);
    ConnectionOptions options = connection.over(parent != null ? parent.connection : null);
    String address = options.addr != null ? options.addr : System.getenv("KILN_HOST");
    if (address == null || address.isEmpty()) return 0; // embedded: the daemon is this client
    return DaemonConnection.call(options, null, stdio.err(), daemon -> {
      var version = ControlGrpc.newBlockingStub(daemon.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
          .info(InfoRequest.getDefaultInstance()).getBuildkitVersion();
      stdio.out().println("Server: " + version.getPackage() + " " + version.getVersion()
          + (version.getRevision().isEmpty() ? "" : " " + version.getRevision()));
      return 0;
    });
  }
}
