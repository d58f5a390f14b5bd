package dev.kiln.solver.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressLogTest {
  private static final VertexRef VERTEX = new VertexRef("sha256:v", "RUN make", "");

  @TempDir
  Path tmp;

  @Test
  void logsBeyondTheMemoryBudgetSpillToAFileAndReadBackInOrder() throws Exception {
    var log = new ProgressLog(100, tmp);
    var expected = new ArrayList<String>();
    log.publish(new ProgressEvent(VERTEX, new VertexEvent.Started(Instant.now())));
    for (int i = 0; i < 50; i++) {
      String line = "line " + i + " " + "x".repeat(i) + "\n";
      expected.add(line);
      log.publish(new ProgressEvent(VERTEX, new VertexEvent.Log(Instant.now(), 1 + i % 2, line.getBytes())));
    }
    log.publish(new ProgressEvent(VERTEX, new VertexEvent.Completed(Instant.now(), Instant.now())));

    try (var files = Files.list(tmp)) {
      assertThat(files.toList()).hasSize(1);
    }
    var history = log.history();
    assertThat(history.getFirst().event()).isInstanceOf(VertexEvent.Started.class);
    assertThat(history.getLast().event()).isInstanceOf(VertexEvent.Completed.class);
    assertThat(logLines(history)).containsExactlyElementsOf(expected);
    assertThat(history.subList(1, 51)).extracting(e -> ((VertexEvent.Log) e.event()).stream())
        .startsWith(1, 2, 1, 2);

    log.close();
    try (var files = Files.list(tmp)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void lateSubscribersGetAReplayThenLiveEvents() throws Exception {
    try (var log = new ProgressLog(8, tmp)) {
      log.publish(new ProgressEvent(VERTEX, new VertexEvent.Log(Instant.now(), 1, "early and long\n".getBytes())));
      var early = new ArrayList<ProgressEvent>();
      var late = new ArrayList<ProgressEvent>();
      try (var _ = log.subscribe(early::add)) {
        log.publish(new ProgressEvent(VERTEX, new VertexEvent.Log(Instant.now(), 2, "middle\n".getBytes())));
        try (var _ = log.subscribe(late::add)) {
          log.publish(new ProgressEvent(VERTEX, new VertexEvent.Log(Instant.now(), 1, "late\n".getBytes())));
        }
        log.publish(new ProgressEvent(VERTEX, new VertexEvent.Log(Instant.now(), 1, "after b left\n".getBytes())));
      }
      assertThat(logLines(early)).containsExactly("early and long\n", "middle\n", "late\n", "after b left\n");
      assertThat(logLines(late)).containsExactly("early and long\n", "middle\n", "late\n");
    }
  }

  private static List<String> logLines(List<ProgressEvent> events) {
    return events.stream()
        .map(ProgressEvent::event)
        .filter(VertexEvent.Log.class::isInstance)
        .map(e -> new String(((VertexEvent.Log) e).data()))
        .toList();
  }
}
