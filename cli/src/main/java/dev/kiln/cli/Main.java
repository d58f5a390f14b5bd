package dev.kiln.cli;

import picocli.CommandLine;

/** Entry point of {@code kiln}: exit 0 on success, 1 on failure, 2 on a usage error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return new CommandLine(new KilnCommand()).execute(args);
  }
}
