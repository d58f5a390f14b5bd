package dev.kiln.daemon.config;

import java.time.Duration;
import java.util.List;

/**
 * One {@code [[worker.oci.gcpolicy]]} rule, as buildkitd.toml has it: records matching {@code
 * filters} (all records when {@code all}) older than {@code keepDuration} are pruned until they use
 * at most {@code keepBytes}. Zero means "no limit" for both. Pure data: the GC applies it.
 */
public record GcPolicy(boolean all, List<String> filters, Duration keepDuration, long keepBytes) {
  public GcPolicy {
    filters = List.copyOf(filters);
    if (keepDuration.isNegative()) throw new IllegalArgumentException("keepDuration must not be negative");
    if (keepBytes < 0) throw new IllegalArgumentException("keepBytes must not be negative");
  }
}
