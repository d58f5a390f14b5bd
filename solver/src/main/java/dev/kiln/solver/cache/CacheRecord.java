package dev.kiln.solver.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * A saved cache entry: {@code key} resolves to the worker result {@code resultId}. {@code vertexDigest} and
 * {@code recipe} are kept so a later build can explain why it missed.
 */
public record CacheRecord(String key, String resultId, Instant createdAt, String vertexDigest,
    CacheKeyRecipe recipe) {
  public CacheRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(resultId, "resultId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(vertexDigest, "vertexDigest");
    Objects.requireNonNull(recipe, "recipe");
  }
}
