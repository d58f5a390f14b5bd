package dev.kiln.cli.progress;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest state of one progress item of a step ({@code VertexStatus}), e.g. a layer download.
 * Times are null when the daemon did not send them.
 */
public record StatusView(
    String id,
    String name,
    long current,
    long total,
    Instant timestamp,
    Instant started,
    Instant completed) {

  public boolean isCompleted() {
    return completed != null;
  }

  /** {@code "2.05kB / 4.10kB"}, {@code "60B"}, or empty when nothing was counted. */
  public String amount() {
    if (total != 0) {
      return GoFormat.bytes(current) + " / " + GoFormat.bytes(total);
    }
    return current != 0 ? GoFormat.bytes(current) : "";
  }

  /** Time from start to completion, or to {@code now} while it runs. */
  public Duration elapsed(Instant now) {
    if (started == null) {
      return Duration.ZERO;
    }
    return new Interval(started, completed).duration(now);
  }
}
