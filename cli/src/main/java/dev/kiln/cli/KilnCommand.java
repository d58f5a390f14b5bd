package dev.kiln.cli;

import picocli.CommandLine.Command;

/** The {@code kiln} command; each sub-command lives in its own class. */
@Command(
    name = "kiln",
    mixinStandardHelpOptions = true,
    versionProvider = KilnVersion.class,
    description = "Kiln: a BuildKit-compatible build toolkit.",
    subcommands = {BuildCommand.class, DebugCommand.class})
final class KilnCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
