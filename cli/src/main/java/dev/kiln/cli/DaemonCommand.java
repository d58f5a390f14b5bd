package dev.kiln.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A top-level command that makes one call to the daemon (kilnd, or the in-process engine) and
 * maps failures to exit codes: 1 for a failed call, 2 for a usage error (bad flag or filter).
 */
abstract class DaemonCommand implements Callable<Integer> {
  final Stdio stdio;

  @ParentCommand KilnCommand parent;

  /** {@code --addr} and the TLS files, as after {@code kiln build}. */
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--root", paramLabel = "DIR", description = "State directory of the in-process engine.")
  String root;

  DaemonCommand(Stdio stdio) {
    this.stdio = stdio;
  }

  /** Checks the flags before connecting; throws IllegalArgumentException naming a bad one. */
  void validate() {}

  /** The call; returns the exit code. */
  abstract int run(DaemonConnection connection) throws IOException;

  @Override
  public final Integer call() {
    try {
      validate();
    } catch (IllegalArgumentException e) {
      stdio.err().println("kiln: error: " + e.getMessage());
      return 2;
    }
    ConnectionOptions options = connection.over(parent == null ? null : parent.connection);
    try (DaemonConnection daemon = DaemonConnection.open(options, root, stdio.err())) {
      return run(daemon);
    } catch (StatusRuntimeException e) {
      stdio.err().println("ERROR: " + e.getStatus().getDescription());
      return e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT ? 2 : 1;
    } catch (IOException e) {
      stdio.err().println("ERROR: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      stdio.err().println("kiln: error: " + e.getMessage());
      return 2;
    }
  }
}
