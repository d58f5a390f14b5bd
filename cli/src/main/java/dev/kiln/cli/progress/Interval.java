package dev.kiln.cli.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A time a step ran: {@code stop} is null while it still runs. */
public record Interval(Instant start, Instant stop) {
  public Interval {
    if (start == null) {
      throw new IllegalArgumentException("interval needs a start");
    }
  }

  /** Length, measuring an open interval up to {@code now}. */
  public Duration duration(Instant now) {
    Instant end = stop != null ? stop : now;
    return end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
  }

  /**
   * Merges overlapping intervals, as progressui does for progress groups and restarted vertices: an
   * open interval swallows everything that starts after it.
   */
  static List<Interval> merge(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::start));
    List<Interval> merged = new ArrayList<>();
    Interval cur = null;
    for (Interval next : sorted) {
      if (cur == null) {
        cur = next;
      } else if (cur.stop == null) {
        break;
      } else if (cur.stop.isBefore(next.start)) {
        merged.add(cur);
        cur = next;
      } else if (next.stop == null || next.stop.isAfter(cur.stop)) {
        cur = new Interval(cur.start, next.stop);
      }
    }
    if (cur != null) {
      merged.add(cur);
    }
    return List.copyOf(merged);
  }

  /** Total time covered by already merged intervals. */
  static Duration total(List<Interval> merged, Instant now) {
    Duration sum = Duration.ZERO;
    for (Interval i : merged) {
      sum = sum.plus(i.duration(now));
    }
    return sum;
  }
}
