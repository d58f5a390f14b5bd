package dev.kiln.engine.gc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * Which records one policy removes, and in which order: a pure function of the records, the
 * policy, the disk and the time. Candidates match the policy's filters, are not in use or
 * mutable, were not used within {@code keepDuration}, and (unless {@code all}) are not internal or
 * frontend records. Least recently used goes first; a record goes only once nothing is layered
 * on it (removing a child may free its parent); removal stops when the matching records fit the
 * policy's size limit.
 */
public final class PrunePlan {
  private PrunePlan() {}

  public static List<UsageRecord> of(List<UsageRecord> records, GcPolicy policy, DiskStats disk, Instant now) {
    UsageFilter filter = UsageFilter.parse(policy.filters(), now);
    Map<String, Integer> children = new HashMap<>();
    for (UsageRecord r : records) {
      for (String p : r.parents()) children.merge(p, 1, Integer::sum);
    }
    long used = 0;
    Map<String, UsageRecord> candidates = new HashMap<>();
    Instant cutoff = now.minus(policy.keepDuration());
    for (UsageRecord r : records) {
      if (!filter.matches(r)) continue;
      used += r.size();
      if (eligible(r, policy, cutoff)) candidates.put(r.id(), r);
    }
    OptionalLong limit = policy.sizeLimit(used, disk);
    Comparator<UsageRecord> lru = Comparator.comparing(UsageRecord::lastActivity).thenComparing(UsageRecord::id);
    PriorityQueue<UsageRecord> leaves = new PriorityQueue<>(lru);
    for (UsageRecord r : candidates.values()) {
      if (children.getOrDefault(r.id(), 0) == 0) leaves.add(r);
    }
    List<UsageRecord> out = new ArrayList<>();
    while (!leaves.isEmpty() && (limit.isEmpty() || used > limit.getAsLong())) {
      UsageRecord r = leaves.poll();
      out.add(r);
      used -= r.size();
      for (String p : r.parents()) {
        if (children.merge(p, -1, Integer::sum) == 0 && candidates.containsKey(p)) leaves.add(candidates.get(p));
      }
    }
    return out;
  }

  private static boolean eligible(UsageRecord r, GcPolicy policy, Instant cutoff) {
    if (r.inUse() || r.mutable()) return false;
    if (!policy.keepDuration().isZero() && !r.lastActivity().isBefore(cutoff)) return false;
    return policy.all() || (r.recordType() != RecordType.INTERNAL && r.recordType() != RecordType.FRONTEND);
  }
}
