package dev.kiln.cli.progress;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps plain output from printing every byte count: an unfinished progress item is printed again
 * only after it advanced 5% of its total or 5 seconds passed (progressui's thresholds).
 */
final class StatusThrottle {
  private static final double MIN_PROGRESS_DELTA = 0.05;
  private static final Duration MIN_TIME_DELTA = Duration.ofSeconds(5);

  private final Map<String, StatusView> lastPrinted = new HashMap<>();

  /** Decides for one update of an item and remembers it if printed. */
  boolean shouldPrint(String stepKey, StatusView s) {
    String key = stepKey + '\0' + s.id();
    StatusView last = lastPrinted.get(key);
    if (last != null && !s.isCompleted()) {
      double progress = s.total() > 0 ? (double) (s.current() - last.current()) / s.total() : 0;
      Duration time =
          s.timestamp() == null || last.timestamp() == null
              ? Duration.ZERO
              : Duration.between(last.timestamp(), s.timestamp());
      if (progress < MIN_PROGRESS_DELTA && time.compareTo(MIN_TIME_DELTA) < 0) {
        return false;
      }
    }
    lastPrinted.put(key, s);
    return true;
  }
}
