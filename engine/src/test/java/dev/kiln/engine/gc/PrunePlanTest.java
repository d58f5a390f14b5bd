package dev.kiln.engine.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrunePlanTest {
  private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  private static final DiskStats DISK = new DiskStats(100_000, 50_000);

  private static UsageRecord record(String id, String parent, long size, int hoursAgo, RecordType type) {
    Instant used = NOW.minus(Duration.ofHours(hoursAgo));
    return new UsageRecord(id, parent == null ? List.of() : List.of(parent), size, false, false, false,
        used, Optional.of(used), 1, "", type);
  }

  private static UsageRecord record(String id, String parent, long size, int hoursAgo) {
    return record(id, parent, size, hoursAgo, RecordType.REGULAR);
  }

  private static List<String> ids(List<UsageRecord> plan) {
    return plan.stream().map(UsageRecord::id).toList();
  }

  @Test
  void removesLeastRecentlyUsedFirstUntilUnderTheLimit() {
    var records = List.of(record("a", null, 100, 5), record("b", null, 100, 1), record("c", null, 100, 9),
        record("d", null, 100, 3));
    assertThat(ids(PrunePlan.of(records, GcPolicy.keepBytes(200), DISK, NOW))).containsExactly("c", "a");
  }

  @Test
  void removesAParentOnlyAfterItsChildren() {
    // the parent is older than everything but goes after its child
    var records = List.of(record("base", null, 50, 100), record("child", "base", 10, 2), record("other", null, 10, 50));
    assertThat(ids(PrunePlan.of(records, GcPolicy.everything(List.of(), false), DISK, NOW)))
        .containsExactly("other", "child", "base");
  }

  @Test
  void neverRemovesWhatIsInUseOrMutableNorTheParentsOfThose() {
    var records = List.of(record("base", null, 50, 100), record("busy", "base", 10, 90).withInUse(true),
        new UsageRecord("rw", List.of(), 10, true, true, false, NOW, Optional.empty(), 0, "", RecordType.REGULAR),
        record("free", null, 10, 1));
    assertThat(ids(PrunePlan.of(records, GcPolicy.everything(List.of(), true), DISK, NOW))).containsExactly("free");
  }

  @Test
  void keepDurationKeepsRecentlyUsedRecords() {
    var records = List.of(record("old", null, 10, 72), record("new", null, 10, 1));
    var policy = new GcPolicy(Duration.ofHours(48), 0, 0, 0, List.of(), false);
    assertThat(ids(PrunePlan.of(records, policy, DISK, NOW))).containsExactly("old");
  }

  @Test
  void filtersSelectRecordsAndTheirSizeAlone() {
    var records = List.of(record("ctx1", null, 100, 10, RecordType.SOURCE_LOCAL), record("ctx2", null, 100, 5, RecordType.SOURCE_LOCAL),
        record("big", null, 10_000, 20));
    var policy = new GcPolicy(Duration.ZERO, 150, 0, 0, List.of("type==source.local", "type==exec.cachemount"), false);
    assertThat(ids(PrunePlan.of(records, policy, DISK, NOW))).containsExactly("ctx1");
  }

  @Test
  void internalRecordsGoOnlyWithAll() {
    var records = List.of(record("int", null, 10, 10, RecordType.INTERNAL), record("reg", null, 10, 5));
    assertThat(ids(PrunePlan.of(records, GcPolicy.everything(List.of(), false), DISK, NOW))).containsExactly("reg");
    assertThat(ids(PrunePlan.of(records, GcPolicy.everything(List.of(), true), DISK, NOW))).containsExactly("int", "reg");
  }

  @Test
  void maxUsedAndMinFreeSpaceSetTheLimitButNotBelowReservedSpace() {
    var records = List.of(record("a", null, 400, 4), record("b", null, 400, 3), record("c", null, 400, 2));
    // max used 500: keep one record
    assertThat(ids(PrunePlan.of(records, new GcPolicy(Duration.ZERO, 0, 500, 0, List.of(), false), DISK, NOW)))
        .containsExactly("a", "b");
    // 1,000 free, want 1,700 free: shrink from 1,200 to at most 500
    var disk = new DiskStats(10_000, 1_000);
    assertThat(ids(PrunePlan.of(records, new GcPolicy(Duration.ZERO, 0, 0, 1_700, List.of(), false), disk, NOW)))
        .containsExactly("a", "b");
    // reserved space wins over both
    assertThat(ids(PrunePlan.of(records, new GcPolicy(Duration.ZERO, 900, 100, 0, List.of(), false), DISK, NOW)))
        .containsExactly("a");
  }

  /** Property: for random forests, the plan removes only eligible leaves-first records, in LRU order among leaves, and stops at the limit. */
  @Test
  void randomStoresKeepParentsOfSurvivorsAndEndUnderTheLimit() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      List<UsageRecord> records = new ArrayList<>();
      int n = 1 + random.nextInt(30);
      for (int i = 0; i < n; i++) {
        String parent = i > 0 && random.nextBoolean() ? "r" + random.nextInt(i) : null;
        UsageRecord r = record("r" + i, parent, random.nextInt(1_000), random.nextInt(500));
        records.add(random.nextInt(10) == 0 ? r.withInUse(true) : r);
      }
      long limit = random.nextInt(10_000);
      List<UsageRecord> plan = PrunePlan.of(records, GcPolicy.keepBytes(limit), DISK, NOW);
      var removed = new java.util.HashSet<>(ids(plan));
      long left = records.stream().filter(r -> !removed.contains(r.id())).mapToLong(UsageRecord::size).sum();
      for (UsageRecord r : records) {
        if (r.inUse()) assertThat(removed).doesNotContain(r.id());
        boolean survivorHasRemovedParent = !removed.contains(r.id()) && r.parents().stream().anyMatch(removed::contains);
        assertThat(survivorHasRemovedParent).as("round %d: parent of %s removed", round, r.id()).isFalse();
      }
      if (!plan.isEmpty()) {
        long beforeLast = left + plan.getLast().size();
        assertThat(beforeLast).as("round %d: removed more than needed", round).isGreaterThan(limit);
      }
    }
  }
}
