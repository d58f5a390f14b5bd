package dev.kiln.cli.progress;

import java.time.Instant;

/** Text of a progress item line, shared by the plain and TTY renderers. */
final class StatusLine {
  private StatusLine() {}

  /** {@code "transferring context: 2.05kB 0.1s done"}: amount, time if over 10ms, done mark. */
  static String plain(StatusView s) {
    StringBuilder b = new StringBuilder(s.id());
    String amount = s.amount();
    if (!amount.isEmpty()) {
      b.append(' ').append(amount);
    }
    Instant end = s.completed() != null ? s.completed() : s.timestamp();
    if (s.started() != null && end != null) {
      double seconds = GoFormat.seconds(s.elapsed(end));
      if (seconds > 0.01) {
        b.append(' ').append(GoFormat.fixed(seconds, 1)).append('s');
      }
    }
    if (s.isCompleted()) {
      b.append(" done");
    }
    return b.toString();
  }
}
