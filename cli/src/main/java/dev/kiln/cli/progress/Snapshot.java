package dev.kiln.cli.progress;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The whole build's progress at one moment.
 *
 * @param clock the latest timestamp seen in any message (the daemon's clock), null before any
 * @param firstStart when the first step started, null before that
 * @param steps visible steps in {@code #N} order
 * @param total steps known to the build, started or not (group members count once)
 * @param completed steps finished (done, cached or failed)
 */
public record Snapshot(
    Instant clock, Instant firstStart, List<StepView> steps, int total, int completed) {

  public Optional<StepView> step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** True when every known step finished. */
  public boolean isFinished() {
    return completed > 0 && completed == total;
  }
}
