package dev.kiln.registry.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The background loading of the default TLS context: no HTTP client (no selector thread) before a request. */
class EndpointsWarmUpTest {
  private static boolean running(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().contains(name) && t.isAlive());
  }

  @Test
  void theWarmUpStartsNoHttpClientAndEndsByItself() throws Exception {
    boolean selectorsBefore = running("SelectorManager");
    Endpoints endpoints = new Endpoints(HostsConfig.EMPTY, Duration.ofSeconds(5));
    endpoints.warmUp();
    endpoints.warmUp(); // once only
    for (int i = 0; i < 500 && running("kiln-registry-warm-up"); i++) Thread.sleep(20);
    assertThat(running("kiln-registry-warm-up")).isFalse();
    assertThat(running("SelectorManager")).isEqualTo(selectorsBefore);
    var https = endpoints.forPull("registry.example").getFirst();
    var loopback = endpoints.forPull("127.0.0.1:5000").getFirst();
    assertThat(loopback.plainHttp()).isTrue();
    assertThat(loopback.client()).as("plain HTTP shares the default client").isSameAs(https.client());
    endpoints.close();
  }
}
