package dev.kiln.cli;

import picocli.CommandLine.Command;

/** {@code kiln debug}: tools for looking inside builds, like {@code buildctl debug}. */
@Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    description = "Debug utilities.",
    subcommands = {DumpLlbCommand.class, WorkersCommand.class})
final class DebugCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.ParentCommand KilnCommand parent;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
