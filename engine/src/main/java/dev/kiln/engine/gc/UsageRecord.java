package dev.kiln.engine.gc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One thing in the store that uses disk, as BuildKit's {@code UsageRecord}: a snapshot (its own
 * bytes, not its parents') or a persistent cache-mount directory.
 *
 * @param id snapshot id, or {@code cachemount:<hex>} for a cache directory
 * @param parents the record this one is layered on (at most one today)
 * @param size bytes of this record alone; computed once when a snapshot is committed
 * @param mutable a snapshot an op is still writing
 * @param inUse used by a running build or mounted by a RUN step: never collected
 * @param shared other records are layered on it, so removing it alone frees nothing
 * @param lastUsedAt empty for records never used since they were made
 */
public record UsageRecord(
    String id,
    List<String> parents,
    long size,
    boolean mutable,
    boolean inUse,
    boolean shared,
    Instant createdAt,
    Optional<Instant> lastUsedAt,
    long usageCount,
    String description,
    RecordType recordType) {
  public UsageRecord {
    parents = List.copyOf(parents);
  }

  /** When the record was last used, or made if never used: the collector's least-recently-used order. */
  public Instant lastActivity() {
    return lastUsedAt.orElse(createdAt);
  }

  public UsageRecord withInUse(boolean inUse) {
    return new UsageRecord(id, parents, size, mutable, inUse, shared, createdAt, lastUsedAt, usageCount, description, recordType);
  }

  public UsageRecord withShared(boolean shared) {
    return new UsageRecord(id, parents, size, mutable, inUse, shared, createdAt, lastUsedAt, usageCount, description, recordType);
  }
}
