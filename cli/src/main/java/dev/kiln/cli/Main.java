package dev.kiln.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code kiln}: exit 0 on success, 1 on failure, 2 on a usage error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (asksOnlyForTheVersion(args)) {
      // Answered before the command framework loads: scripts call this often, and it is most of
      // the time such a short run takes.
      System.out.println(KilnVersion.text());
      return;
    }
    System.exit(run(args));
  }

  static boolean asksOnlyForTheVersion(String... args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  static int run(String... args) {
    return execute(Stdio.system(), args);
  }

  static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
    return execute(new Stdio(in, out, err), args);
  }

  private static int execute(Stdio stdio, String... args) {
    CommandLine commandLine = new CommandLine(new KilnCommand(), new StdioFactory(stdio));
    commandLine.setOut(new PrintWriter(stdio.out(), true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(stdio.err(), true, StandardCharsets.UTF_8));
    return commandLine.execute(args);
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
