package dev.kiln.cli;

import dev.kiln.cli.client.Interruption;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Entry point of {@code kiln}: exit 0 on success, 1 on failure, 2 on a usage error. Names no
 * picocli type, so {@code --version} loads nothing of it ({@link CommandRunner} does the rest).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (asksOnlyForTheVersion(args)) {
      // Answered before the command framework loads: scripts call this often, and it is most of
      // the time such a short run takes.
      System.out.println(versionText());
      return;
    }
    VirtualThreadCarriers.widen(System.getProperties(), Runtime.getRuntime().availableProcessors());
    EngineHeadStart.start(args, System.err); // an embedded build's engine opens while the command is read
    int code = run(args);
    Interruption.reported();
    EngineHeadStart.discard();
    System.exit(code);
  }

  static boolean asksOnlyForTheVersion(String... args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  static int run(String... args) {
    return CommandRunner.execute(Stdio.system(), args);
  }

  static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
    return CommandRunner.execute(new Stdio(in, out, err), args);
  }

  static String versionText() {
    String v = Main.class.getPackage().getImplementationVersion();
    return "kiln " + (v == null ? "dev" : v);
  }
}
