package dev.kiln.cli.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An immutable picture of one displayed step: a vertex, or a progress group shown as one line.
 *
 * @param key the vertex digest, or {@code "group/" + id} for a progress group
 * @param number the {@code #N} sequence number, in order of first appearance
 * @param intervals merged run times; empty if the step never started
 * @param completed when the step finished, null while it runs or has not started
 * @param error the daemon's error text, empty if none
 * @param statuses progress items that started, in the order they started
 * @param recentLogs the last complete output lines (bounded)
 * @param warnings short texts of the step's warnings, in arrival order
 */
public record StepView(
    String key,
    int number,
    String name,
    List<Interval> intervals,
    Instant completed,
    boolean cached,
    String error,
    List<StatusView> statuses,
    List<LogLine> recentLogs,
    List<String> warnings) {

  /** progressui's test for cancellation: the error ends with Go's {@code context.Canceled} text. */
  private static final String CANCELED = "context canceled";

  public boolean isStarted() {
    return !intervals.isEmpty();
  }

  public boolean isCompleted() {
    return completed != null;
  }

  public boolean isRunning() {
    return isStarted() && !isCompleted();
  }

  public boolean isCanceled() {
    return error.endsWith(CANCELED);
  }

  public boolean hasError() {
    return !error.isEmpty() && !isCanceled();
  }

  /** Sum of run time, measuring a running step up to {@code now}. */
  public Duration duration(Instant now) {
    return Interval.total(intervals, now);
  }
}
