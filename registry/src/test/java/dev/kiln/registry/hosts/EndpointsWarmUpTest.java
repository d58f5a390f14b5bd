package dev.kiln.registry.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The background set-up of the default HTTP client: requests share it, close stops it. */
class EndpointsWarmUpTest {
  private static boolean warmUpRunning() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("kiln-registry-warm-up") && t.isAlive());
  }

  @Test
  void requestsUseTheClientTheWarmUpBuiltAndCloseWaitsForIt() throws Exception {
    Endpoints endpoints = new Endpoints(HostsConfig.EMPTY, Duration.ofSeconds(5));
    endpoints.warmUp();
    endpoints.warmUp(); // once only
    var https = endpoints.forPull("registry.example").getFirst();
    var loopback = endpoints.forPull("127.0.0.1:5000").getFirst();
    assertThat(loopback.plainHttp()).isTrue();
    assertThat(loopback.client()).as("plain HTTP shares the default client").isSameAs(https.client());
    endpoints.close();
    assertThat(warmUpRunning()).isFalse();
  }

  @Test
  void closingRightAfterTheWarmUpStartsLeavesNoThread() {
    Endpoints endpoints = new Endpoints(HostsConfig.EMPTY, Duration.ofSeconds(5));
    endpoints.warmUp();
    endpoints.close();
    assertThat(warmUpRunning()).isFalse();
  }
}
