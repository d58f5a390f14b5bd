package dev.kiln.cli.progress;

import java.time.Duration;
import java.time.Instant;

/**
 * One complete line of a step's output.
 *
 * @param timestamp when the daemon received the line's first byte
 * @param sinceStart {@code timestamp} relative to the start of the step's latest run, the offset
 *     progressui prints before each line
 * @param stream 1 for stdout, 2 for stderr
 * @param text the line without its newline
 */
public record LogLine(Instant timestamp, Duration sinceStart, int stream, String text) {
  /** {@code "#5 0.087 text"}, the form plain output and the failure summary share. */
  public String format(int stepNumber) {
    return "#" + stepNumber + " " + GoFormat.logOffset(sinceStart) + " " + text;
  }
}
