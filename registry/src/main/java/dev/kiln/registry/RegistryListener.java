package dev.kiln.registry;

import java.net.URI;
import java.time.Duration;

/**
 * Hears about the client's recoveries so progress output can show them ("retrying in 0.4s: 503").
 * Called on the thread doing the request; implementations must be thread-safe and quick.
 */
public interface RegistryListener {
  RegistryListener NONE = new RegistryListener() {};

  /** Attempt {@code attempt} of {@code maxAttempts} failed; the next starts after {@code delay}. */
  default void retrying(String action, int attempt, int maxAttempts, Duration delay, String reason) {}

  /** A mirror or endpoint failed and the client moves on to {@code next}. */
  default void fallback(String action, URI failed, URI next, String reason) {}
}
