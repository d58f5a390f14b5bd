package dev.kiln.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.solver.progress.ProgressWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClippedLogTest {
  @Test
  void dropsOutputPastTheLimitWithOneMarker() {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    ProgressWriter writer = new ProgressWriter() {
      @Override
      public void status(String id, String name, long current, long total, Instant started, Instant completed) {}

      @Override
      public void log(int stream, byte[] data) {
        seen.writeBytes(data);
      }
    };
    ClippedLog log = new ClippedLog(writer, 10);
    log.stream(1).write("12345".getBytes(StandardCharsets.UTF_8));
    log.stream(2).write("6789012345".getBytes(StandardCharsets.UTF_8));
    log.stream(1).write("more".getBytes(StandardCharsets.UTF_8));
    assertThat(seen.toString(StandardCharsets.UTF_8))
        .isEqualTo("1234567890\n[output clipped, log limit 2MiB reached]\n");
  }
}
