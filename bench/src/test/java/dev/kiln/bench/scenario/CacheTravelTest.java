package dev.kiln.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S8 scenario's setup, without running it (that takes minutes: bench/run-peer-scenarios.sh --only S8). */
class CacheTravelTest {
  @TempDir Path tmp;

  @Test
  void theContextIsTwentySteps() throws Exception {
    Path ctx = Contexts.cacheTravel(tmp.resolve("ctx"), "127.0.0.1:5000/bench/busybox:latest");
    var lines = Files.readAllLines(ctx.resolve("Dockerfile"));
    assertThat(lines.getFirst()).isEqualTo("FROM 127.0.0.1:5000/bench/busybox:latest");
    assertThat(lines.stream().filter(l -> l.startsWith("RUN "))).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void repositoriesGoToTheBaseImagesRegistry() {
    assertThat(CacheTravel.registryOf("127.0.0.1:41234/bench/busybox:latest")).isEqualTo("127.0.0.1:41234");
  }
}
