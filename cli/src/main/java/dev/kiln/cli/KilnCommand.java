package dev.kiln.cli;

import picocli.CommandLine.Command;

/** The {@code kiln} command; each sub-command lives in its own class. */
@Command(
    name = "kiln",
    mixinStandardHelpOptions = true,
    versionProvider = KilnVersion.class,
    description = "Kiln: a BuildKit-compatible build toolkit.",
    subcommands = {BuildCommand.class, DuCommand.class, PruneCommand.class, DebugCommand.class, VersionCommand.class})
final class KilnCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** {@code kiln --addr unix:///… build}: the daemon for every command that talks to one. */
  @picocli.CommandLine.Mixin ConnectionOptions connection = new ConnectionOptions();

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
