package dev.kiln.engine.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.testing.FileServer;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's HTTP clients start no thread until used and stop theirs when the engine closes: a
 * thread left blocked in native code makes the JVM wait 300 ms at exit, which every CLI run paid.
 */
class HttpClientLifecycleTest {
  @TempDir Path tmp;

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().contains("SelectorManager") && t.isAlive())
        .collect(Collectors.toSet());
  }

  @Test
  void anEngineStartsNoHttpClientUntilADownloadAndStopsItOnClose() throws Exception {
    Set<Thread> before = selectorThreads();
    try (FileServer server = new FileServer()) {
      server.file("/f", "x".getBytes(StandardCharsets.UTF_8), "\"v1\"", null);
      try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state")))) {
        assertThat(selectorThreads()).isEqualTo(before);
        try (SolveResult r = engine.solve(State.http(server.url("/f")).marshal(MarshalOptions.defaults()),
            SolveRequest.of(BuildInputs.NONE))) {
          assertThat(r.cached()).isFalse();
        }
        assertThat(selectorThreads()).isNotEqualTo(before);
      }
    }
    for (int i = 0; i < 100 && !selectorThreads().equals(before); i++) Thread.sleep(20);
    assertThat(selectorThreads()).isEqualTo(before);
  }
}
