package dev.kiln.solver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CachingTest {
  private final TestGraph g = new TestGraph();

  @Test
  void noCacheJobReExecutesEverythingButStillSaves() {
    var top = g.vertex("top", g.vertex("base"));
    g.solveValue(top);
    g.solveValue(top, JobOptions.defaults().withNoCache(true));
    assertThat(g.execs("base")).isEqualTo(2);
    assertThat(g.execs("top")).isEqualTo(2);

    try (var job = g.solver.newJob(JobOptions.defaults()); var r = job.solve(top.output())) {
      assertThat(r.cached()).isTrue();
    }
    assertThat(g.execs("top")).isEqualTo(2);
  }

  @Test
  void ignoreCacheReExecutesTheVertexAndItsDependents() {
    var fetch = g.vertex("fetch", VertexOptions.DEFAULT.withIgnoreCache(true));
    var build = g.vertex("build", fetch);
    g.solveValue(build);
    g.solveValue(build);
    assertThat(g.execs("fetch")).isEqualTo(2);
    // The definition of "build" cannot vouch for what "fetch" produced this time.
    assertThat(g.execs("build")).isEqualTo(2);
  }

  @Test
  void ignoreCacheUpstreamStillLetsAContentKeyedDependentHit() {
    var fetch = g.vertex("fetch", VertexOptions.DEFAULT.withIgnoreCache(true));
    g.op("copy").contentKeyed("/src", 1);
    var copy = g.vertex("copy", fetch);
    g.solveValue(copy);
    g.solveValue(copy);
    assertThat(g.execs("fetch")).isEqualTo(2);
    assertThat(g.execs("copy")).isEqualTo(1);
  }

  @Test
  void sameContentFromADifferentSourceHitsTheContentKey() {
    g.op("copy").contentKeyed("/app", 1);
    g.op("src1").output = "hello";
    g.op("src2").output = "hello";
    g.op("src3").output = "world";
    var run1 = g.vertex("run", g.vertex("copy", g.vertex("src1")));
    var run2 = g.vertex("run", g.vertex("copy", g.vertex("src2")));
    var run3 = g.vertex("run", g.vertex("copy", g.vertex("src3")));

    assertThat(g.solveValue(run1)).isEqualTo("run[copy[hello]]");
    try (var job = g.solver.newJob(JobOptions.defaults()); var r = job.solve(run2.output())) {
      assertThat(r.cached()).isTrue();
      assertThat(r.cacheKeys()).hasSize(2); // definition key, then content key it hit by
    }
    assertThat(g.execs("src2")).isEqualTo(1);
    assertThat(g.execs("copy")).isEqualTo(1);
    assertThat(g.execs("run")).isEqualTo(1);

    assertThat(g.solveValue(run3)).isEqualTo("run[copy[world]]");
    assertThat(g.execs("copy")).isEqualTo(2);
    assertThat(g.execs("run")).isEqualTo(2);
    assertThat(g.worker.live()).isZero();
  }

  @Test
  void aDefinitionKeyHitNeverTouchesInputsOrContentDigesters() {
    g.op("copy").contentKeyed("/app", 1);
    var run = g.vertex("run", g.vertex("copy", g.vertex("src")));
    g.solveValue(run);
    int loadsBefore = g.worker.loads.get();

    try (var job = g.solver.newJob(JobOptions.defaults()); var r = job.solve(run.output())) {
      assertThat(r.cached()).isTrue();
      assertThat(SchedulerTest.events(job, "src")).isEmpty();
      assertThat(SchedulerTest.events(job, "copy")).isEmpty();
    }
    assertThat(g.execs("src")).isEqualTo(1);
    assertThat(g.execs("copy")).isEqualTo(1);
    assertThat(g.op("copy").digests.get()).isEqualTo(1);
    assertThat(g.worker.loads.get() - loadsBefore).isEqualTo(1); // only "run" itself was loaded
  }

  @Test
  void aContentHitLinksTheDefinitionKeySoTheNextBuildIsLazy() {
    g.op("copy").contentKeyed("/app", 1);
    g.op("src1").output = "same";
    g.op("src2").output = "same";
    g.solveValue(g.vertex("copy", g.vertex("src1")));
    g.solveValue(g.vertex("copy", g.vertex("src2"))); // content hit
    g.solveValue(g.vertex("copy", g.vertex("src2"))); // definition hit: src2 not run again
    assertThat(g.execs("src2")).isEqualTo(1);
    assertThat(g.op("copy").digests.get()).isEqualTo(2);
  }

  @Test
  void explainMissNamesTheInputWhoseContentChanged() {
    var src = g.vertex("src", VertexOptions.DEFAULT.withIgnoreCache(true));
    g.op("copy").contentKeyed("/app", 1);
    var copy = g.vertex("copy", src);
    g.op("src").output = "v1";
    g.solveValue(copy);
    g.op("src").output = "v2";

    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(copy.output()).close();
      var explanation = job.explainMiss(copy.output()).orElseThrow();
      assertThat(explanation.differences()).containsExactly(
          "input 0 (/app) content changed: sha256:content-v1 → sha256:content-v2");
      assertThat(explanation.previous()).isPresent();
    }
  }

  @Test
  void aVertexThatRunsAgainLogsWhyItsCacheMissed() {
    var src = g.vertex("src", VertexOptions.DEFAULT.withIgnoreCache(true));
    g.op("copy").contentKeyed("/app", 1);
    var copy = g.vertex("copy", src);
    g.op("src").output = "v1";
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(copy.output()).close();
      assertThat(missLogs(job, "copy")).as("nothing earlier to compare with").isEmpty();
    }
    g.op("src").output = "v2";
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(copy.output()).close();
      assertThat(missLogs(job, "copy"))
          .containsExactly("cache miss: input 0 (/app) content changed: sha256:content-v1 → sha256:content-v2\n");
      assertThat(missLogs(job, "src")).as("ignoreCache: the cache was not asked").isEmpty();
    }
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(copy.output()).close();
      assertThat(missLogs(job, "copy")).as("a hit explains nothing").isEmpty();
    }
  }

  private static java.util.List<String> missLogs(Job job, String vertexName) {
    return job.progress().stream()
        .filter(e -> e.vertex().name().equals(vertexName))
        .map(ProgressEvent::event)
        .filter(VertexEvent.Log.class::isInstance)
        .map(e -> new String(((VertexEvent.Log) e).data(), java.nio.charset.StandardCharsets.UTF_8))
        .filter(text -> text.startsWith("cache miss: "))
        .toList();
  }

  @Test
  void explainMissNamesAChangedOpAndIsEmptyForHits() {
    var base = g.vertex("base");
    g.solveValue(g.vertex("top", base));
    g.op("top").digest = "sha256:op-top-v2";
    var top = g.vertex("top", base);
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(top.output()).close();
      assertThat(job.explainMiss(top.output()).orElseThrow().differences())
          .containsExactly("op definition changed: sha256:op-top → sha256:op-top-v2");
      assertThat(job.explainMiss(base.output())).isEmpty();
    }
  }

  @Test
  void explainMissSaysWhenNothingEarlierIsKnown() {
    var v = g.vertex("v");
    try (var job = g.solver.newJob(JobOptions.defaults())) {
      job.solve(v.output()).close();
      assertThat(job.explainMiss(v.output()).orElseThrow().differences())
          .containsExactly("no earlier build of this vertex or op is recorded");
    }
  }
}
