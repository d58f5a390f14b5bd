package dev.kiln.solver.cache;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A {@link CacheKeyStorage} in a map; thread-safe; lost when the process exits. */
public final class InMemoryCacheKeyStorage implements CacheKeyStorage {
  private static final Comparator<CacheRecord> NEWEST_FIRST =
      Comparator.comparing(CacheRecord::createdAt).reversed();

  private final ConcurrentHashMap<String, CacheRecord> records = new ConcurrentHashMap<>();
  // Keys by vertex and by op, so finding records for a miss explanation is not a scan of everything.
  // Entries may be stale (record replaced or removed): lookups re-check the record itself.
  private final ConcurrentHashMap<String, Set<String>> byVertex = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> byOp = new ConcurrentHashMap<>();

  @Override
  public void save(CacheRecord record) {
    records.put(record.key(), record);
    byVertex.computeIfAbsent(record.vertexDigest(), k -> ConcurrentHashMap.newKeySet()).add(record.key());
    byOp.computeIfAbsent(record.recipe().opDigest(), k -> ConcurrentHashMap.newKeySet()).add(record.key());
  }

  @Override
  public Optional<CacheRecord> load(String key) {
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public boolean remove(String key) {
    return records.remove(key) != null;
  }

  @Override
  public int removeResult(String resultId) {
    int removed = 0;
    for (var record : records.values()) {
      if (record.resultId().equals(resultId) && records.remove(record.key(), record)) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public List<CacheRecord> findByVertex(String vertexDigest) {
    return find(byVertex.get(vertexDigest), r -> r.vertexDigest().equals(vertexDigest));
  }

  @Override
  public List<CacheRecord> findByOp(String opDigest) {
    return find(byOp.get(opDigest), r -> r.recipe().opDigest().equals(opDigest));
  }

  /** Number of keys held (for tests). */
  public int size() {
    return records.size();
  }

  private List<CacheRecord> find(Set<String> keys, Predicate<CacheRecord> filter) {
    if (keys == null) return List.of();
    return keys.stream().map(records::get).filter(r -> r != null && filter.test(r)).sorted(NEWEST_FIRST).toList();
  }
}
