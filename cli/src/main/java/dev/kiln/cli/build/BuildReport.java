package dev.kiln.cli.build;

import dev.kiln.cli.client.BuildPlan;
import dev.kiln.cli.client.DaemonErrors;
import dev.kiln.cli.client.KilnClient.Outcome;
import dev.kiln.cli.progress.ProgressDisplay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** What the CLI says after a build, and its exit code: 0 success, 1 build failure. */
public final class BuildReport {
  private BuildReport() {}

  public static int report(Outcome outcome, ProgressDisplay display, BuildPlan plan, PrintStream err, String metadataFile)
      throws IOException {
    return switch (outcome) {
      case Outcome.Success(var response) -> {
        if (plan.output() == null) {
          err.println("kiln: no output requested: the result stays in the build cache"
              + " (export it with -o type=local,dest=DIR or -o type=tar,dest=FILE)");
        }
        if (metadataFile != null) {
          MetadataFile.write(Path.of(metadataFile), response);
        }
        yield 0;
      }
      case Outcome.Failure(var status, var source) -> {
        display.failureSummary().ifPresent(summary -> err.print(summary.logBoxes()));
        source.ifPresent(excerpt -> err.print(excerpt.render()));
        err.println("ERROR: " + DaemonErrors.solveMessage(status));
        yield 1;
      }
    };
  }
}
