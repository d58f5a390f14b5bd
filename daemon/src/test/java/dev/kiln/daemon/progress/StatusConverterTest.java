package dev.kiln.daemon.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.Vertex;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import dev.kiln.solver.progress.VertexRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusConverterTest {
  private final VertexRef ref = new VertexRef("sha256:abc", "RUN make", "");
  private final StatusConverter converter = new StatusConverter();

  @Test
  void aVertexIsResentWholeAsItsStateChanges() {
    Instant t0 = Instant.ofEpochSecond(100, 5);
    Instant t1 = Instant.ofEpochSecond(101);
    Vertex started = converter.convert(new ProgressEvent(ref, new VertexEvent.Started(t0))).getVertexes(0);
    assertThat(started.getName()).isEqualTo("RUN make");
    assertThat(started.getStarted().getNanos()).isEqualTo(5);
    assertThat(started.hasCompleted()).isFalse();
    Vertex failed = converter.convert(new ProgressEvent(ref, new VertexEvent.Errored(t1, "exit code: 3"))).getVertexes(0);
    assertThat(failed.getStarted().getSeconds()).isEqualTo(100);
    assertThat(failed.getCompleted().getSeconds()).isEqualTo(101);
    assertThat(failed.getError()).isEqualTo("exit code: 3");
  }

  @Test
  void cachedVertexesAndLogs() {
    Instant t = Instant.ofEpochSecond(7);
    Vertex cached = converter.convert(new ProgressEvent(ref, new VertexEvent.Cached(t))).getVertexes(0);
    assertThat(cached.getCached()).isTrue();
    assertThat(cached.hasCompleted()).isTrue();
    StatusResponse log = converter.convert(new ProgressEvent(ref,
        new VertexEvent.Log(t, 2, "oops\n".getBytes(StandardCharsets.UTF_8))));
    assertThat(log.getLogs(0).getStream()).isEqualTo(2);
    assertThat(log.getLogs(0).getVertex()).isEqualTo("sha256:abc");
    assertThat(log.getLogs(0).getMsg().toStringUtf8()).isEqualTo("oops\n");
  }
}
