package dev.kiln.registry.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Bounded exponential backoff with jitter: initial, 2×, 4×… capped at {@code max}. */
public record Backoff(int maxAttempts, Duration initial, Duration max) {
  public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(200), Duration.ofSeconds(5));

  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
  }

  /** The pause after failed attempt {@code attempt} (1-based): half fixed, half random. */
  public Duration delayAfter(int attempt) {
    long base = initial.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
  }

  /** Sleeps for {@link #delayAfter}; the interrupt flag is kept. */
  public static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d);
  }
}
