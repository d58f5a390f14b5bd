package dev.kiln.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.registry.Descriptor;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries of the shared registry client appear in the progress of the step whose download it was. */
class RegistryProgressTest {
  private final RegistryProgress listener = new RegistryProgress();

  @Test
  void aRetryDuringADownloadIsLoggedOnThatStep(@TempDir Path dir) throws Exception {
    byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
    Descriptor descriptor = Descriptor.of("application/octet-stream", blob);
    Recording step = new Recording();
    new ContentFetcher(new FileContentStore(dir)).ensure(descriptor, (d, sink) -> {
      // what the client's retry interceptor does on the fetching thread after a 503
      listener.retrying("fetch blob " + d.digest(), 1, 5, Duration.ofMillis(400), "503 Service Unavailable");
      try (OutputStream out = sink.open(0)) {
        out.write(blob);
      }
      sink.commit(d);
    }, step);

    assertThat(step.lines).singleElement().asString()
        .contains("fetch blob " + descriptor.digest(), "attempt 1 of 5", "503 Service Unavailable", "retrying in 0.4s");
  }

  @Test
  void recoveriesOutsideAStepGoNowhere() throws Exception {
    Recording step = new Recording();
    RegistryProgress.reportingTo(step, () -> null);
    listener.fallback("resolve", java.net.URI.create("https://mirror"), java.net.URI.create("https://origin"), "timeout");
    assertThat(step.lines).isEmpty();
  }

  private static final class Recording implements ProgressWriter {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void status(String id, String name, long current, long total, Instant started, Instant completed) {}

    @Override
    public void log(int stream, byte[] data) {
      lines.add(new String(data, StandardCharsets.UTF_8));
    }
  }
}
