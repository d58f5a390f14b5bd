package dev.kiln.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SchedulerTest {
  private final TestGraph g = new TestGraph();

  @Test
  void solvesAChainAndHitsTheCacheOnTheSecondSolve() {
    var c = g.vertex("c", g.vertex("b", g.vertex("a")));

    assertThat(g.solveValue(c)).isEqualTo("c[b[a[]]]");
    try (var job = g.solver.newJob(JobOptions.defaults()); var again = job.solve(c.output())) {
      assertThat(again.cached()).isTrue();
      assertThat(TestWorker.value(again.result())).isEqualTo("c[b[a[]]]");
    }
    assertThat(List.of(g.execs("a"), g.execs("b"), g.execs("c"))).containsExactly(1, 1, 1);
    assertThat(g.worker.live()).isZero();
  }

  @Test
  void aVertexReachedTwiceInOneJobRunsOnce() {
    g.op("a").gate = null;
    var a = g.vertex("a");
    var d = g.vertex("d", g.vertex("b", a), g.vertex("c", a));
    try (var job = g.solver.newJob(JobOptions.defaults().withNoCache(true))) {
      job.solve(d.output()).close();
      job.solve(a.output()).close();
    }
    assertThat(g.execs("a")).isEqualTo(1);
    assertThat(g.execs("d")).isEqualTo(1);
  }

  @Test
  void sixteenConcurrentJobsRunEachSharedVertexExactlyOnce() throws Exception {
    var shared = g.vertex("shared", g.vertex("base"));
    g.op("shared").gate = new CountDownLatch(1);
    var jobs = new ArrayList<Job>();
    var futures = new ArrayList<Future<String>>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 16; i++) {
        var job = g.solver.newJob(JobOptions.defaults());
        jobs.add(job);
        var target = g.vertex("leaf" + i, shared);
        futures.add(pool.submit(() -> {
          try (var r = job.solve(target.output())) {
            return TestWorker.value(r.result());
          }
        }));
      }
      // Each job sees "shared" start (by replay if it joined late) before the op may finish.
      for (var job : jobs) {
        awaitEvent(job, "shared", VertexEvent.Started.class);
      }
      g.op("shared").gate.countDown();
      for (int i = 0; i < 16; i++) {
        assertThat(futures.get(i).get()).isEqualTo("leaf" + i + "[shared[base[]]]");
      }
    }
    assertThat(g.execs("shared")).isEqualTo(1);
    assertThat(g.execs("base")).isEqualTo(1);
    for (var job : jobs) {
      assertThat(events(job, "shared")).contains(VertexEvent.Started.class, VertexEvent.Completed.class);
      assertThat(job.progress()).anyMatch(e -> e.vertex().name().equals("shared")
          && e.event() instanceof VertexEvent.Log log && new String(log.data()).equals("running shared\n"));
      job.close();
    }
    assertThat(g.worker.live()).isZero();
  }

  @Test
  void cancellingOneJobSparesSharedWorkAndStopsItsOwn() throws Exception {
    var shared = g.vertex("shared");
    var privateWork = g.vertex("private");
    g.op("shared").gate = new CountDownLatch(1);
    g.op("private").gate = new CountDownLatch(1); // never opened: only cancellation ends it
    var jobA = g.solver.newJob(JobOptions.defaults());
    var jobB = g.solver.newJob(JobOptions.defaults());
    var targetA = g.vertex("a", shared, privateWork);
    var targetB = g.vertex("b", shared);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var a = pool.submit(() -> jobA.solve(targetA.output()));
      var b = pool.submit(() -> jobB.solve(targetB.output()));
      awaitEvent(jobA, "shared", VertexEvent.Started.class);
      awaitEvent(jobB, "shared", VertexEvent.Started.class);
      assertThat(g.op("private").started.await(5, TimeUnit.SECONDS)).isTrue();

      jobA.cancel();

      assertThatThrownBy(a::get).hasCauseInstanceOf(SolveCancelledException.class);
      assertThat(g.op("private").interrupted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(g.op("shared").interrupted.getCount()).isEqualTo(1);
      g.op("shared").gate.countDown();
      try (var result = b.get()) {
        assertThat(TestWorker.value(result.result())).isEqualTo("b[shared[]]");
      }
    }
    assertThat(g.execs("shared")).isEqualTo(1);
    jobA.close();
    jobB.close();
    assertThat(g.worker.live()).isZero();
  }

  @Test
  void interruptingTheSolvingThreadCancelsThatSolve() throws Exception {
    var slow = g.vertex("slow");
    g.op("slow").gate = new CountDownLatch(1);
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
      var solving = Thread.ofVirtual().start(() -> {
        try {
          job.solve(slow.output()).close();
        } catch (SolveCancelledException e) {
          failure.set(e);
          assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
        }
      });
      assertThat(g.op("slow").started.await(5, TimeUnit.SECONDS)).isTrue();
      solving.interrupt();
      solving.join();
      assertThat(failure.get()).isInstanceOf(SolveCancelledException.class);
      assertThat(g.op("slow").interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closingAJobWhileItSolvesCancelsWaitsAndReleasesEverything() throws Exception {
    var base = g.vertex("base");
    var slow = g.vertex("slow", base);
    g.op("slow").gate = new CountDownLatch(1);
    var job = g.solver.newJob(JobOptions.defaults());
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var solving = pool.submit(() -> job.solve(slow.output()));
      assertThat(g.op("slow").started.await(5, TimeUnit.SECONDS)).isTrue();
      job.close();
      assertThatThrownBy(solving::get).hasCauseInstanceOf(SolveCancelledException.class);
    }
    assertThat(g.op("slow").interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> job.solve(base.output())).isInstanceOf(SolveCancelledException.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (g.worker.live() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(1); // the abandoned execution releases its inputs as it unwinds
    }
    assertThat(g.worker.live()).isZero();
  }

  @Test
  void aFailureNamesTheVertexAndSparesUnrelatedJobs() {
    g.op("broken").failure = new IllegalStateException("exit code 1");
    var failing = g.vertex("top", g.vertex("broken", g.vertex("base")));
    var unrelated = g.vertex("other", g.vertex("base"));

    try (var job = g.solver.newJob(JobOptions.defaults())) {
      assertThatThrownBy(() -> job.solve(failing.output()))
          .isInstanceOfSatisfying(VertexFailedException.class, e -> {
            assertThat(e.vertex().name()).isEqualTo("broken");
            assertThat(e.vertex().digest()).isEqualTo("sha256:vertex-broken");
            assertThat(e.getCause()).hasMessage("exit code 1");
          })
          .hasMessageContaining("broken");
      assertThat(events(job, "broken")).contains(VertexEvent.Errored.class);
      // Solving it again in the same job reports the same failure without re-running it.
      assertThatThrownBy(() -> job.solve(failing.output())).isInstanceOf(VertexFailedException.class);
    }
    assertThat(g.solveValue(unrelated)).isEqualTo("other[base[]]");
    assertThat(g.execs("broken")).isEqualTo(1);
    assertThat(g.execs("top")).isZero();
    assertThat(g.worker.live()).isZero();
  }

  @Test
  void anOpReturningTheWrongNumberOfResultsFails() {
    var v = Vertex.of("sha256:v", "two", g.op("two"), List.of(), 2, VertexOptions.DEFAULT);
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      assertThatThrownBy(() -> job.solve(v.output(1)))
          .isInstanceOf(VertexFailedException.class)
          .hasMessageContaining("returned 1 results");
    }
    assertThat(g.worker.live()).isZero();
  }

  @Test
  void eachOutputOfAMultiOutputVertexIsCachedUnderItsOwnKey() {
    g.op("multi").outputs = 2;
    var multi = g.vertex("multi");
    var top = Vertex.of("sha256:top", "top", g.op("top"), List.of(multi.output(1)));
    assertThat(g.solveValue(top)).isEqualTo("top[multi[]#1]");
    try (var job = g.solver.newJob(JobOptions.defaults());
        var zero = job.solve(multi.output(0));
        var one = job.solve(multi.output(1))) {
      assertThat(TestWorker.value(zero.result())).isEqualTo("multi[]#0");
      assertThat(TestWorker.value(one.result())).isEqualTo("multi[]#1");
      assertThat(zero.cacheKeys()).doesNotContainAnyElementsOf(one.cacheKeys());
    }
    assertThat(g.execs("multi")).isEqualTo(1);
  }

  @Test
  void aCachedResultThatNoLongerExistsIsRebuilt() {
    var v = g.vertex("v");
    String id;
    try (var job = g.solver.newJob(JobOptions.defaults()); var r = job.solve(v.output())) {
      id = r.result().id();
    }
    g.worker.delete(id);
    assertThat(g.solveValue(v)).isEqualTo("v[]");
    assertThat(g.execs("v")).isEqualTo(2);
  }

  @Test
  @Timeout(10) // a sanity check on scheduling overhead, not a benchmark
  void tenThousandNoOpVerticesSolve() {
    // 100 layers of 100 vertices, each reading three vertices of the layer below.
    List<Vertex> below = new ArrayList<>();
    for (int layer = 0; layer < 100; layer++) {
      var current = new ArrayList<Vertex>();
      for (int i = 0; i < 100; i++) {
        var inputs = below.isEmpty() ? List.<Edge>of()
            : List.of(below.get(i).output(), below.get((i + 1) % 100).output(), below.get((i + 7) % 100).output());
        current.add(Vertex.of("sha256:" + layer + "-" + i, "v", new NoOp(g.worker), inputs));
      }
      below = current;
    }
    var top = Vertex.of("sha256:top", "top", new NoOp(g.worker), below.stream().map(Vertex::output).toList());
    try (var job = g.solver.newJob(JobOptions.defaults()); var r = job.solve(top.output())) {
      assertThat(r.cached()).isFalse();
    }
    assertThat(g.storage.size()).isEqualTo(10_001);
  }

  /** Does nothing, cheaply. */
  private record NoOp(TestWorker worker) implements Op {
    @Override
    public CacheMap cacheMap(OpContext ctx) {
      return CacheMap.of(ctx.vertex().digest(), ctx.vertex().inputs().size());
    }

    @Override
    public List<Result> exec(OpContext ctx, List<Result> inputs) {
      return List.of(worker.newResult(""));
    }
  }

  static List<Class<?>> events(Job job, String vertexName) {
    return job.progress().stream()
        .filter(e -> e.vertex().name().equals(vertexName))
        .map(ProgressEvent::event)
        .<Class<?>>map(Object::getClass)
        .toList();
  }

  static void awaitEvent(Job job, String vertexName, Class<? extends VertexEvent> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!events(job, vertexName).contains(type)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(job.id() + " never saw " + type.getSimpleName() + " for " + vertexName);
      }
      Thread.sleep(2);
    }
  }
}
