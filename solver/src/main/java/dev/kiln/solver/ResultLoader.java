package dev.kiln.solver;

import java.util.Optional;

/**
 * Turns a result id saved in the cache back into a result (the engine's worker implements it over its
 * snapshot store). Thread-safe.
 */
@FunctionalInterface
public interface ResultLoader {
  /** A new handle the caller owns, or empty when the result no longer exists (the cache entry is then dropped). */
  Optional<Result> load(String resultId) throws Exception;
}
