package dev.kiln.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ProgressTest {
  private final TestGraph g = new TestGraph();

  @Test
  void everyListenerOfEveryJobWaitingOnASharedVertexGetsItsEvents() throws Exception {
    var shared = g.vertex("shared");
    g.op("shared").gate = new CountDownLatch(1);
    var jobA = g.solver.newJob(JobOptions.defaults());
    var jobB = g.solver.newJob(JobOptions.defaults());
    var a1 = new CopyOnWriteArrayList<ProgressEvent>();
    var a2 = new CopyOnWriteArrayList<ProgressEvent>();
    var b1 = new CopyOnWriteArrayList<ProgressEvent>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor();
        var _ = jobA.subscribe(a1::add);
        var _ = jobA.subscribe(a2::add);
        var _ = jobB.subscribe(b1::add)) {
      var fa = pool.submit(() -> jobA.solve(g.vertex("a", shared).output()));
      var fb = pool.submit(() -> jobB.solve(g.vertex("b", shared).output()));
      SchedulerTest.awaitEvent(jobA, "shared", VertexEvent.Started.class);
      SchedulerTest.awaitEvent(jobB, "shared", VertexEvent.Started.class);
      g.op("shared").gate.countDown();
      fa.get().close();
      fb.get().close();
    }
    for (var events : List.of(a1, a2, b1)) {
      assertThat(kinds(events, "shared"))
          .containsExactly(VertexEvent.Started.class, VertexEvent.Log.class, VertexEvent.Completed.class);
    }
    assertThat(a1).isEqualTo(a2);
    assertThat(g.execs("shared")).isEqualTo(1);
    jobA.close();
    jobB.close();
  }

  @Test
  void opsReportStatusAndLogsThroughTheContextAndHitsAreReportedAsCached() {
    var op = new Op() {
      @Override
      public CacheMap cacheMap(OpContext ctx) {
        return CacheMap.of("sha256:pull", 0);
      }

      @Override
      public List<Result> exec(OpContext ctx, List<Result> inputs) throws Exception {
        var started = Instant.now();
        ctx.progress().status("layer-1", "pulling layer 1", 5, 10, started, null);
        ctx.progress().status("layer-1", "pulling layer 1", 10, 10, started, Instant.now());
        ctx.progress().log(2, "warning\n".getBytes());
        return List.of(ctx.heavy(() -> g.worker.newResult("image")));
      }
    };
    var pull = Vertex.of("sha256:vertex-pull", "pull", op, List.of());
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(pull.output()).close();
      assertThat(kinds(job.progress(), "pull")).containsExactly(VertexEvent.Started.class,
          VertexEvent.Status.class, VertexEvent.Status.class, VertexEvent.Log.class, VertexEvent.Completed.class);
      var done = (VertexEvent.Status) job.progress().get(2).event();
      assertThat(done.current()).isEqualTo(10);
      assertThat(done.completed()).isNotNull();
    }
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(pull.output()).close();
      assertThat(kinds(job.progress(), "pull")).containsExactly(VertexEvent.Cached.class);
    }
  }

  private static List<Class<?>> kinds(List<ProgressEvent> events, String vertex) {
    return events.stream()
        .filter(e -> e.vertex().name().equals(vertex))
        .<Class<?>>map(e -> e.event().getClass())
        .toList();
  }
}
