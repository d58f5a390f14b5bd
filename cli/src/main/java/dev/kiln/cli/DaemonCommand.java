package dev.kiln.cli;

import dev.kiln.cli.client.DaemonErrors;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * A top-level command that makes one call to the daemon (kilnd, or the in-process engine); its
 * failures become messages and exit codes in {@link DaemonErrors}.
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
      return DaemonErrors.report(e, stdio.err());
    }
    ConnectionOptions options = connection.over(parent == null ? null : parent.connection);
    return DaemonConnection.call(options, root, stdio.err(), this::run);
  }
}
