package dev.kiln.cli.progress;

import java.util.List;
import java.util.Optional;

/**
 * What buildctl prints after a failed build: for each failed step its name and last output lines
 * in a {@code ------} box. Canceled steps are not failures of their own and are left out.
 */
public record FailureSummary(List<FailedStep> steps) {
  /** Output lines kept per failed step (progressui's {@code logsBufferSize}). */
  public static final int LOG_LINES = 10;

  /** One failed step: its {@code #N}, name, last output lines and the daemon's error text. */
  public record FailedStep(int number, String name, List<LogLine> lastLogs, String error) {}

  public FailureSummary {
    steps = List.copyOf(steps);
  }

  /** The summary of a build's final state, empty when no step failed. */
  public static Optional<FailureSummary> of(Snapshot end) {
    List<FailedStep> failed =
        end.steps().stream()
            .filter(StepView::hasError)
            .map(s -> new FailedStep(s.number(), s.name(), lastLogs(s), s.error()))
            .toList();
    return failed.isEmpty() ? Optional.empty() : Optional.of(new FailureSummary(failed));
  }

  private static List<LogLine> lastLogs(StepView s) {
    List<LogLine> logs = s.recentLogs();
    return List.copyOf(logs.subList(Math.max(0, logs.size() - LOG_LINES), logs.size()));
  }

  /** The boxes exactly as buildctl prints them; the CLI follows with the build's error message. */
  public String logBoxes() {
    StringBuilder b = new StringBuilder();
    for (FailedStep s : steps) {
      b.append("------\n > ").append(s.name()).append(":\n");
      s.lastLogs().forEach(l -> b.append(l.format(s.number())).append('\n'));
      b.append("------\n");
    }
    return b.toString();
  }

  /**
   * The boxes followed by each step's error ({@code ERROR: [name] message}), for when the CLI has no
   * better message than the one carried on the status stream.
   */
  public String render() {
    StringBuilder b = new StringBuilder(logBoxes());
    steps.forEach(s -> b.append("ERROR: ").append(s.error()).append('\n'));
    return b.toString();
  }
}
