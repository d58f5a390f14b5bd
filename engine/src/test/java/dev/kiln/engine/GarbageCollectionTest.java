package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.gc.GcPolicy;
import dev.kiln.engine.gc.RecordType;
import dev.kiln.engine.gc.UsageRecord;
import dev.kiln.engine.snapshot.Leases;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.CacheSharing;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The garbage collector on a real store: about 1 GB of RUN-step results, a 200 MB keep-storage
 * policy, least recently used first, and a build running while everything else is pruned. Needs root.
 */
class GarbageCollectionTest {
  private static final long MB = 1_000_000;
  private static final int STEPS = 20;
  private static final int MIB_PER_STEP = 50;

  @TempDir Path tmp;
  private BuildInputs inputs;

  @BeforeEach
  void rootfs() throws Exception {
    Path rootfs = BusyboxRootfs.create(Files.createDirectories(tmp.resolve("rootfs")));
    inputs = new BuildInputs(Map.of("rootfs", rootfs), Map.of());
  }

  private Engine open() throws Exception {
    return Engine.open(EngineConfig.at(tmp.resolve("state")));
  }

  private static Definition marshal(State s) {
    return s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
  }

  /** A step writing {@code MIB_PER_STEP} MiB; {@code n} makes each step's cache key its own. */
  private static State bigStep(int n) {
    return State.local("rootfs").run(r -> r.shlex("sh -c 'dd if=/dev/zero of=/big bs=1048576 count=" + MIB_PER_STEP
        + " 2>/dev/null; echo " + n + " > /n'")).root();
  }

  private static long total(List<UsageRecord> records) {
    return records.stream().mapToLong(UsageRecord::size).sum();
  }

  @Test
  void keepStoragePrunesLeastRecentlyUsedFirstDownToTheLimit() throws Exception {
    try (Engine engine = open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < STEPS; i++) {
        try (SolveResult r = engine.solve(marshal(bigStep(i)), SolveRequest.of(inputs))) {
          ids.add(r.snapshotId());
        }
        Thread.sleep(2); // distinct last-used times
      }
      // Using steps 2 and 5 again makes them the most recently used, with step 19.
      for (int again : new int[] {2, 5}) {
        try (SolveResult r = engine.solve(marshal(bigStep(again)), SolveRequest.of(inputs))) {
          assertThat(r.cached()).isTrue();
        }
        Thread.sleep(2);
      }
      List<UsageRecord> before = engine.diskUsage(List.of());
      assertThat(total(before)).isGreaterThan(1_000 * MB);
      UsageRecord step2 = before.stream().filter(r -> r.id().equals(ids.get(2))).findFirst().orElseThrow();
      assertThat(step2.usageCount()).isEqualTo(2);
      assertThat(step2.size()).isGreaterThanOrEqualTo(MIB_PER_STEP << 20);
      assertThat(before).anyMatch(r -> r.recordType() == RecordType.SOURCE_LOCAL && r.shared());

      List<UsageRecord> streamed = new ArrayList<>();
      long started = System.nanoTime();
      List<UsageRecord> removed = engine.prune(List.of(GcPolicy.keepBytes(200 * MB)), streamed::add);
      System.out.printf("[gc] pruned %d records, %d MB of %d MB, in %d ms%n", removed.size(), total(removed) / MB,
          total(before) / MB, (System.nanoTime() - started) / 1_000_000);

      List<UsageRecord> after = engine.diskUsage(List.of());
      assertThat(total(after)).isLessThanOrEqualTo(200 * MB);
      assertThat(streamed).isEqualTo(removed);
      Set<String> left = after.stream().map(UsageRecord::id).collect(Collectors.toSet());
      assertThat(left).contains(ids.get(2), ids.get(5), ids.get(19));
      // Everything removed was used before everything kept (of the same kind).
      var lastRemoved = removed.stream().map(UsageRecord::lastActivity).max(Comparator.naturalOrder()).orElseThrow();
      assertThat(after).filteredOn(r -> r.recordType() == RecordType.REGULAR)
          .allMatch(r -> r.lastActivity().isAfter(lastRemoved));
      // Their files are gone, and so are their cache records: the step runs again.
      for (UsageRecord r : removed) assertThat(tmp.resolve("state/snapshots").resolve(r.id())).doesNotExist();
      try (SolveResult kept = engine.solve(marshal(bigStep(19)), SolveRequest.of(inputs));
          SolveResult gone = engine.solve(marshal(bigStep(0)), SolveRequest.of(inputs))) {
        assertThat(kept.cached()).isTrue();
        assertThat(gone.cached()).isFalse();
      }
    }
  }

  @Test
  void aBuildRunningDuringPruneKeepsWhatItUsesAndSucceeds() throws Exception {
    try (Engine engine = open()) {
      String base;
      try (SolveResult r = engine.solve(marshal(bigStep(1)), SolveRequest.of(inputs))) {
        base = r.snapshotId();
      }
      try (SolveResult r = engine.solve(marshal(bigStep(2)), SolveRequest.of(inputs))) {
        assertThat(r.snapshotId()).isNotEqualTo(base);
      }
      Thread.sleep(2);
      State slow = bigStep(1).run(r -> r.shlex("sh -c 'sleep 2; wc -c < /big > /size'")
          .mount("/cache", State.scratch(), m -> m.cache("slow", CacheSharing.SHARED))).root();
      CountDownLatch running = new CountDownLatch(1);
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<String> build = pool.submit(() -> {
          try (SolveResult r = engine.solve(marshal(slow), SolveRequest.of(inputs).withListener(e -> {
                if (e.event() instanceof VertexEvent.Started && e.vertex().name().contains("sleep 2")) running.countDown();
              }));
              MountedTree t = r.open()) {
            return Files.readString(t.root().resolve("size")).trim();
          }
        });
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        List<UsageRecord> removed = engine.prune(List.of(GcPolicy.everything(List.of(), true)), r -> {});
        Set<String> removedIds = removed.stream().map(UsageRecord::id).collect(Collectors.toSet());
        assertThat(removedIds).doesNotContain(base).isNotEmpty(); // step 2's result went, step 1's is in use
        assertThat(engine.diskUsage(List.of("inuse"))).extracting(UsageRecord::id).contains(base);
        assertThat(build.get(60, TimeUnit.SECONDS)).isEqualTo(String.valueOf(MIB_PER_STEP << 20));
      }
      // Nothing runs now: everything goes, content blobs included.
      engine.prune(List.of(GcPolicy.everything(List.of(), true)), r -> {});
      assertThat(engine.diskUsage(List.of())).isEmpty();
      try (var left = Files.list(tmp.resolve("state/snapshots"))) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void automaticCollectionAfterBuildsAndSweepOfAHalfDoneRemovalOnRestart() throws Exception {
    try (Engine engine = open()) {
      engine.automaticGc(List.of(GcPolicy.keepBytes(120 * MB)), null);
      for (int i = 0; i < 4; i++) {
        try (SolveResult r = engine.solve(marshal(bigStep(i)), SolveRequest.of(inputs))) {
          assertThat(r.snapshotId()).isNotEmpty();
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (total(engine.diskUsage(List.of())) > 120 * MB && System.nanoTime() < deadline) Thread.sleep(50);
      assertThat(total(engine.diskUsage(List.of()))).isLessThanOrEqualTo(120 * MB);
    }
    // A crash after the collector's transaction and before its file deletion leaves a directory
    // without a row: the next start removes it.
    Path orphan = Files.createDirectories(tmp.resolve("state/snapshots/0123456789abcdef0123456789abcdef/fs"));
    Files.writeString(orphan.resolve("f"), "x");
    try (Engine engine = open()) {
      assertThat(orphan.getParent()).doesNotExist();
      assertThat(engine.diskUsage(List.of())).isNotEmpty();
    }
  }

  @Test
  void leasedSnapshotsSurviveUntilTheLeaseIsReleasedOrExpires() throws Exception {
    try (Engine engine = open()) {
      String kept;
      String expiring;
      try (SolveResult a = engine.solve(marshal(bigStep(1)), SolveRequest.of(inputs));
          SolveResult b = engine.solve(marshal(bigStep(2)), SolveRequest.of(inputs))) {
        kept = a.snapshotId();
        expiring = b.snapshotId();
      }
      var held = engine.lease(null);
      held.add(Leases.SNAPSHOT, kept);
      engine.lease(java.time.Duration.ofMillis(1)).add(Leases.SNAPSHOT, expiring);
      Thread.sleep(5);
      List<UsageRecord> removed = engine.prune(List.of(GcPolicy.everything(List.of(), true)), r -> {});
      assertThat(removed).extracting(UsageRecord::id).doesNotContain(kept).contains(expiring);
      assertThat(engine.diskUsage(List.of("inuse"))).extracting(UsageRecord::id).containsExactly(kept);
      held.close();
      assertThat(engine.prune(List.of(GcPolicy.everything(List.of(), true)), r -> {})).extracting(UsageRecord::id).contains(kept);
    }
  }
}
