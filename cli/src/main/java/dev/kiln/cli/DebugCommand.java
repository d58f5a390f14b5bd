package dev.kiln.cli;

import picocli.CommandLine.Command;

/** {@code kiln debug}: tools for looking inside builds, like {@code buildctl debug}. */
@Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    description = "Debug utilities.",
    subcommands = {DumpLlbCommand.class})
final class DebugCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
