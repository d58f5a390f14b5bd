package dev.kiln.solver.cache;

import java.util.List;
import java.util.Optional;

/**
 * Persistent map from cache key to result record (BuildKit {@code solver.CacheKeyStorage}). The engine
 * implements it over its metadata store; {@link InMemoryCacheKeyStorage} serves tests. Implementations must
 * be thread-safe; every method is a short, independent operation. A key holds at most one record: saving
 * again replaces it.
 */
public interface CacheKeyStorage {
  /** Saves or replaces the record for {@code record.key()}. */
  void save(CacheRecord record);

  /** The record saved under {@code key}, if any. */
  Optional<CacheRecord> load(String key);

  /** Removes the record under {@code key}; returns whether there was one. */
  boolean remove(String key);

  /** Removes every key that resolves to {@code resultId} (the result is gone); returns how many. */
  int removeResult(String resultId);

  /** Records saved for a vertex digest, newest first (for miss explanations). */
  List<CacheRecord> findByVertex(String vertexDigest);

  /** Records whose recipe has this op digest, newest first (for miss explanations). */
  List<CacheRecord> findByOp(String opDigest);
}
