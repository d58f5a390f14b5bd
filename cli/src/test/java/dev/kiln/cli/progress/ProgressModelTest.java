package dev.kiln.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressModelTest {
  private final ProgressModel model = new ProgressModel();

  @Test
  void numbersStepsInOrderOfStartNotOfFirstMention() {
    model.apply(Script.vertexes(Script.vertex("sha256:late", "late"), Script.vertex("sha256:early", "early")));
    model.apply(Script.vertexes(Script.started("sha256:early", "early", 0)));
    model.apply(Script.vertexes(Script.started("sha256:late", "late", 1)));

    assertThat(model.snapshot().steps()).extracting(StepView::name, StepView::number)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("early", 1), org.assertj.core.groups.Tuple.tuple("late", 2));
  }

  @Test
  void countsEveryKnownStepAndGroupMembersOnce() {
    Scenario.all().forEach(model::apply);

    Snapshot s = model.snapshot();
    assertThat(s.total()).isEqualTo(8);
    assertThat(s.completed()).isEqualTo(8);
    assertThat(s.isFinished()).isTrue();
    assertThat(s.firstStart()).isEqualTo(Script.T0);
  }

  @Test
  void progressGroupIsOneStepWithMergedRunTime() {
    Scenario.all().forEach(model::apply);

    StepView group = model.snapshot().step("group/export").orElseThrow();
    assertThat(group.name()).isEqualTo("exporting to image");
    assertThat(group.number()).isEqualTo(6);
    assertThat(group.intervals()).containsExactly(new Interval(Script.instant(7.1), Script.instant(7.5)));
    assertThat(group.duration(null)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void weakOnlyGroupStaysHidden() {
    model.apply(
        Script.vertexes(
            Script.started("sha256:w", "weak", 0)
                .setProgressGroup(dev.kiln.proto.pb.ProgressGroup.newBuilder().setId("g").setName("group").setWeak(true))));

    assertThat(model.snapshot().steps()).isEmpty();
    assertThat(model.snapshot().total()).isZero();
  }

  @Test
  void logLinesAreSplitAcrossChunksAndTimedFromTheirFirstByte() {
    model.apply(Script.vertexes(Script.started("sha256:x", "x", 1)));
    model.apply(Script.log("sha256:x", 1.5, "hel"));
    var update = model.apply(Script.log("sha256:x", 2, "lo\nworld\n"));

    assertThat(update.steps().getFirst().logs())
        .extracting(LogLine::text, l -> GoFormat.logOffset(l.sinceStart()))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("hello", "0.500"), org.assertj.core.groups.Tuple.tuple("world", "1.000"));
  }

  @Test
  void statusesAreMergedById() {
    model.apply(Script.vertexes(Script.started("sha256:x", "x", 0)));
    model.apply(Script.statuses(Script.status("sha256:x", "pull", 1, 10, 0, 0.1)));
    model.apply(Script.statuses(Script.status("sha256:x", "pull", 10, 10, 0, 0.2)));

    assertThat(model.snapshot().steps().getFirst().statuses()).extracting(StatusView::current).containsExactly(10L);
  }

  @Test
  void concurrentAppliesLoseNothing() throws Exception {
    model.apply(Script.vertexes(Script.started("sha256:x", "x", 0)));
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      IntStream.range(0, 400)
          .forEach(i -> pool.submit(() -> {
            go.await();
            return model.apply(Script.log("sha256:x", 1, "line\n"));
          }));
      go.countDown();
    }

    assertThat(model.snapshot().steps().getFirst().recentLogs()).hasSize(StepState.MAX_RECENT_LOGS);
    assertThat(model.snapshot().clock()).isEqualTo(Script.instant(1));
  }
}
