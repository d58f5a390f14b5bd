package dev.kiln.cli;

import dev.kiln.cli.build.BuildFlags;
import dev.kiln.cli.build.BuildPlanner;
import dev.kiln.cli.build.BuildReport;
import dev.kiln.cli.build.OutputSpec;
import dev.kiln.cli.client.BuildPlan;
import dev.kiln.cli.client.DaemonErrors;
import dev.kiln.cli.client.KilnClient;
import dev.kiln.cli.progress.ProgressDisplay;
import dev.kiln.cli.progress.ProgressMode;
import dev.kiln.cli.progress.TerminalSize;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln build}: buildctl's build (frontend, locals, options, outputs, secrets) plus docker's
 * short form, run by the in-process engine unless {@code --addr}/{@code KILN_HOST} names a kilnd.
 */
@Command(name = "build", mixinStandardHelpOptions = true, description = {
    "Build a Dockerfile or an LLB definition.",
    "  kiln build DIR -o type=local,dest=out        (docker style)",
    "  kiln build --frontend dockerfile.v0 --local context=. --local dockerfile=. -o type=tar,dest=out.tar",
    "  kiln build -o type=local,dest=out < def.bin  (raw LLB)"})
final class BuildCommand implements Callable<Integer> {
  private final Stdio stdio;

  @Mixin BuildFlags flags = new BuildFlags();

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @ParentCommand KilnCommand parent;

  BuildCommand(Stdio stdio) {
    this.stdio = stdio;
  }

  @Override
  public Integer call() {
    BuildPlan plan;
    ProgressMode mode;
    try {
      mode = ProgressMode.parse(flags.progress);
      plan = BuildPlanner.plan(flags, stdio.in());
      BuildPlanner.checkLocals(plan);
      refuseTerminalOutput(plan);
    } catch (IllegalArgumentException | IOException e) {
      stdio.err().println("kiln: error: " + e.getMessage());
      return 2;
    }
    try (DaemonConnection connection = connect()) {
      ProgressDisplay display = ProgressDisplay.create(mode, stdio.err(), isTty(), () -> TerminalSize.DEFAULT);
      KilnClient.Outcome outcome;
      try (display) {
        outcome = new KilnClient(connection.channel(), connection.embedded() != null).build(plan, stdio.out(), display);
      }
      return BuildReport.report(outcome, display, plan, stdio.err(), flags.metadataFile);
    } catch (IOException | RuntimeException e) {
      return DaemonErrors.report(e, stdio.err());
    }
  }

  private DaemonConnection connect() throws IOException {
    return DaemonConnection.open(connection.over(parent != null ? parent.connection : null), flags.root, flags.config, stdio.err());
  }

  /** A tarball on stdout only when stdout is redirected, as buildctl does: binary noise would garble the terminal. */
  private void refuseTerminalOutput(BuildPlan plan) {
    OutputSpec out = plan.output();
    boolean toStdout = out != null && out.dest() == null && java.util.List.of("tar", "oci", "docker").contains(out.type());
    if (toStdout && stdio.out() == System.out && System.console() != null && System.console().isTerminal()) {
      throw new IllegalArgumentException("refusing to write the " + out.type()
          + " output to a terminal: give dest=FILE or redirect stdout");
    }
  }

  private boolean isTty() {
    return stdio.err() == System.err && System.console() != null;
  }
}
