package dev.kiln.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs a command line through picocli, handing the streams to the commands that take them; a plain
 * {@code kiln build} runs without it ({@link BuildFastPath}).
 */
final class CommandRunner {
  private CommandRunner() {}

  static int execute(Stdio stdio, String... args) {
    // A plain `kiln build` skips picocli's model (BuildFastPath): most of a build's start-up.
    var build = BuildFastPath.parse(stdio, args);
    if (build.isPresent()) return build.get().call();
    StdioFactory factory = new StdioFactory(stdio);
    CommandLine commandLine = new CommandLine(new KilnCommand(), factory);
    // Only the sub-command that runs is modelled (picocli reflects over every option of every
    // command it is given: tens of milliseconds of a start); help and errors get them all.
    var only = KilnCommand.subcommandOf(args);
    for (var sub : KilnCommand.SUBCOMMANDS.entrySet()) {
      if (only.isEmpty() || only.get().equals(sub.getKey())) {
        commandLine.addSubcommand(sub.getKey(), new CommandLine(create(factory, sub.getValue()), factory));
      }
    }
    commandLine.setOut(new PrintWriter(stdio.out(), true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(stdio.err(), true, StandardCharsets.UTF_8));
    return commandLine.execute(args);
  }

  private static Object create(StdioFactory factory, Class<?> cls) {
    try {
      return factory.create(cls);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the " + cls.getSimpleName() + " command", e);
    }
  }

  /** Hands the streams to the commands that take them; every other class is built as usual. */
  private record StdioFactory(Stdio stdio) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == DumpLlbCommand.class) {
        return cls.cast(new DumpLlbCommand(stdio));
      }
      if (cls == WorkersCommand.class) {
        return cls.cast(new WorkersCommand(stdio));
      }
      if (cls == DuCommand.class) {
        return cls.cast(new DuCommand(stdio));
      }
      if (cls == PruneCommand.class) {
        return cls.cast(new PruneCommand(stdio));
      }
      if (cls == BuildCommand.class) {
        return cls.cast(new BuildCommand(stdio));
      }
      if (cls == VersionCommand.class) {
        return cls.cast(new VersionCommand(stdio));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
