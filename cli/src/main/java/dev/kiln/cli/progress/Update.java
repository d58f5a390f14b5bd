package dev.kiln.cli.progress;

import java.time.Instant;
import java.util.List;

/**
 * What one {@code StatusResponse} changed, for renderers that print increments (plain).
 *
 * @param clock the latest daemon timestamp seen so far
 * @param steps changed visible steps, in order of their first change in the message
 */
public record Update(Instant clock, List<Change> steps) {

  /**
   * The news about one step.
   *
   * @param step the step after the message was applied
   * @param stateChanged started, completed, cached, error or name changed
   * @param statuses progress items updated by this message (started ones only)
   * @param warnings new warnings' short texts
   * @param logs lines completed by this message
   */
  public record Change(
      StepView step,
      boolean stateChanged,
      List<StatusView> statuses,
      List<String> warnings,
      List<LogLine> logs) {}
}
