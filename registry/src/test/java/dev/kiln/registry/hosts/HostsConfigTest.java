package dev.kiln.registry.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostsConfigTest {
  private static final Path BASE = Path.of("/etc/kiln");

  @Test
  void parsesBuildkitdStyleTables() throws IOException {
    HostsConfig c = HostsConfig.parse("""
        debug = true
        [worker.oci]
        enabled = true

        [registry."docker.io"]
        mirrors = ["mirror.gcr.io", "http://10.0.0.1:5000"]

        [registry."myregistry:5000"]
        http = true
        insecure = true
        ca = ["certs/ca.pem", "/abs/ca2.pem"]
        [[registry."myregistry:5000".keypair]]
        key = "client.key"
        cert = "client.pem"
        """, BASE);
    assertThat(c.forHost("docker.io").mirrors()).containsExactly("mirror.gcr.io", "http://10.0.0.1:5000");
    HostConfig h = c.forHost("myregistry:5000");
    assertThat(h.http()).isTrue();
    assertThat(h.insecure()).isTrue();
    assertThat(h.ca()).containsExactly(Path.of("/etc/kiln/certs/ca.pem"), Path.of("/abs/ca2.pem"));
    assertThat(h.keypairs()).containsExactly(
        new HostConfig.KeyPair(Path.of("/etc/kiln/client.key"), Path.of("/etc/kiln/client.pem")));
    assertThat(c.forHost("unknown")).isEqualTo(HostConfig.DEFAULT);
  }

  @Test
  void emptyOrUnrelatedTomlMeansDefaults() throws IOException {
    assertThat(HostsConfig.parse("", BASE).hosts()).isEmpty();
    assertThat(HostsConfig.parse("[grpc]\naddress = [\"unix:///run/kiln.sock\"]", BASE).hosts()).isEmpty();
  }

  @Test
  void errorsNameHostAndKey() {
    assertThatThrownBy(() -> HostsConfig.parse("[registry.\"r.io\"]\nmirror = [\"x\"]", BASE))
        .hasMessageContaining("[registry.\"r.io\"]").hasMessageContaining("unknown key \"mirror\"");
    assertThatThrownBy(() -> HostsConfig.parse("[registry.\"r.io\"]\nhttp = \"yes\"", BASE))
        .hasMessageContaining("http must be true or false");
  }

  @Test
  void endpointsFollowDockerdAndBuildkitRules() throws IOException {
    HostsConfig c = HostsConfig.parse("""
        [registry."docker.io"]
        mirrors = ["mirror.example.com", "http://127.0.0.1:6000"]
        [registry."plain.example.com"]
        http = true
        [registry."self-signed.example.com"]
        insecure = true
        """, BASE);
    Endpoints e = new Endpoints(c, Duration.ofSeconds(1));
    assertThat(bases(e.forPull("docker.io"))).containsExactly(
        "https://mirror.example.com", "http://127.0.0.1:6000", "https://registry-1.docker.io");
    assertThat(e.forPull("docker.io").getFirst().mirror()).isTrue();
    assertThat(e.forPull("docker.io").getLast().credentialHost()).isEqualTo("docker.io");
    assertThat(bases(e.forPush("docker.io"))).containsExactly("https://registry-1.docker.io");
    assertThat(bases(e.forPush("plain.example.com"))).containsExactly("http://plain.example.com");
    assertThat(bases(e.forPush("self-signed.example.com")))
        .containsExactly("https://self-signed.example.com", "http://self-signed.example.com");
    assertThat(bases(e.forPush("localhost:5000"))).containsExactly("http://localhost:5000", "https://localhost:5000");
    assertThat(bases(e.forPush("example.com"))).containsExactly("https://example.com");
  }

  @Test
  void loopbackDetection() {
    assertThat(List.of("localhost", "localhost:5000", "127.0.0.1", "127.1.2.3:80", "[::1]:5000", "::1"))
        .allMatch(Loopback::isLoopback);
    assertThat(List.of("example.com", "128.0.0.1", "127.0.0.256", "localhost.example.com", "10.0.0.1:5000"))
        .noneMatch(Loopback::isLoopback);
  }

  private static List<String> bases(List<Endpoint> endpoints) {
    return endpoints.stream().map(ep -> ep.base().toString()).toList();
  }
}
