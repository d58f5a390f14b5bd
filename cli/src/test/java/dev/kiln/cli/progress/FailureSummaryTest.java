package dev.kiln.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {
  @Test
  void quietModePrintsNothingButKeepsTheFailingStepsOutput() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ProgressDisplay d = ProgressDisplay.create(ProgressMode.QUIET, new PrintStream(buf), false, () -> TerminalSize.DEFAULT);
    Scenario.all().forEach(d);
    d.close();

    assertThat(buf.size()).isZero();
    FailureSummary summary = d.failureSummary().orElseThrow();
    assertThat(summary.logBoxes())
        .isEqualTo(
            """
            ------
             > [final 2/3] RUN echo boom && exit 3:
            #7 0.123 boom
            ------
            """);
    assertThat(summary.render()).endsWith("------\nERROR: " + Scenario.BOOM_ERROR + "\n");
  }

  @Test
  void keepsTheLastTenLines() {
    ProgressModel model = new ProgressModel();
    model.apply(Script.vertexes(Script.started("sha256:x", "RUN make", 0)));
    for (int i = 1; i <= 15; i++) {
      model.apply(Script.log("sha256:x", i, "line " + i + "\n"));
    }
    model.apply(Script.vertexes(Script.done("sha256:x", "RUN make", 0, 16).setError("exit code: 2")));

    FailureSummary.FailedStep step = FailureSummary.of(model.snapshot()).orElseThrow().steps().getFirst();
    assertThat(step.lastLogs()).extracting(LogLine::text).first().isEqualTo("line 6");
    assertThat(step.lastLogs()).hasSize(10);
    assertThat(step.error()).isEqualTo("exit code: 2");
  }

  @Test
  void successfulBuildHasNoSummary() {
    ProgressModel model = new ProgressModel();
    model.apply(Script.vertexes(Script.done("sha256:x", "x", 0, 1)));

    assertThat(FailureSummary.of(model.snapshot())).isEmpty();
  }
}
