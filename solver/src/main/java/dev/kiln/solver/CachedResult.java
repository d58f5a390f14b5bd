package dev.kiln.solver;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of solving an edge: a result handle the caller owns (release it, or use try-with-resources),
 * the cache keys it is known under (definition-based first), and whether it came from the cache.
 */
public record CachedResult(Result result, List<String> cacheKeys, boolean cached) implements AutoCloseable {
  public CachedResult {
    Objects.requireNonNull(result, "result");
    cacheKeys = List.copyOf(cacheKeys);
  }

  @Override
  public void close() {
    result.release();
  }
}
