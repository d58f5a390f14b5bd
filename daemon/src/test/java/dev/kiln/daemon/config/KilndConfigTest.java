package dev.kiln.daemon.config;

import dev.kiln.engine.gc.GcPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KilndConfigTest {
  @TempDir Path tmp;

  private KilndConfig.Loaded load(String toml) throws IOException {
    Path file = tmp.resolve("kilnd.toml");
    Files.writeString(file, toml);
    return KilndConfig.load(Optional.of(file));
  }

  @Test
  void readsBuildkitdShapedSettings() throws IOException {
    KilndConfig.Loaded loaded = load("""
        root = "/srv/kiln"
        debug = true
        [grpc]
          address = ["unix:///run/kiln/kilnd.sock", "tcp://0.0.0.0:1234"]
          debugAddress = "127.0.0.1:6060"
          [grpc.tls]
            cert = "tls/server.pem"
            key = "tls/server.key"
            ca = "/etc/kiln/ca.pem"
        [worker.oci]
          snapshotter = "copy"
          gc = true
          gckeepstorage = 9000
          [[worker.oci.gcpolicy]]
            keepBytes = 512000000
            keepDuration = 172800
            filters = ["type==source.local", "type==exec.cachemount"]
          [[worker.oci.gcpolicy]]
            all = true
            keepBytes = "10GB"
            keepDuration = "48h"
        [registry."docker.io"]
          mirrors = ["mirror.example"]
        """);
    KilndConfig c = loaded.config();
    assertThat(loaded.warnings()).isEmpty();
    assertThat(c.root()).contains(Path.of("/srv/kiln"));
    assertThat(c.debug()).isTrue();
    assertThat(c.addresses()).containsExactly("unix:///run/kiln/kilnd.sock", "tcp://0.0.0.0:1234");
    assertThat(c.debugAddress()).contains("127.0.0.1:6060");
    assertThat(c.tls().orElseThrow().cert()).isEqualTo(tmp.resolve("tls/server.pem"));
    assertThat(c.tls().orElseThrow().ca()).contains(Path.of("/etc/kiln/ca.pem"));
    assertThat(c.worker().snapshotter()).isEqualTo("copy");
    assertThat(c.worker().gc()).isEqualTo(new GcConfig(true, 9_000_000_000L, List.of(
        new GcPolicy(Duration.ofHours(48), 512_000_000L, 0, 0, List.of("type==source.local", "type==exec.cachemount"), false),
        new GcPolicy(Duration.ofHours(48), 10_000_000_000L, 0, 0, List.of(), true))));
    assertThat(c.file()).contains(tmp.resolve("kilnd.toml"));
  }

  @Test
  void unknownKeysWarnInsteadOfFailing() throws IOException {
    KilndConfig.Loaded loaded = load("""
        insecure-entitlements = ["network.host"]
        [grpc]
          uid = 0
        [worker.oci]
          max-parallelism = 4
        [worker.containerd]
          enabled = false
        """);
    assertThat(loaded.warnings()).containsExactly(
        "unknown key 'insecure-entitlements' (ignored)",
        "unknown key 'uid' in [grpc] (ignored)",
        "unknown key 'containerd' in [worker] (ignored)",
        "unknown key 'max-parallelism' in [worker.oci] (ignored)");
    assertThat(loaded.config().worker()).isEqualTo(WorkerConfig.DEFAULT);
  }

  @Test
  void wrongValuesNameTheFileAndKey() {
    assertThatThrownBy(() -> load("[worker.oci]\nsnapshotter = \"zfs\"\n")).hasMessageContaining("kilnd.toml").hasMessageContaining("snapshotter");
    assertThatThrownBy(() -> load("[[worker.oci.gcpolicy]]\nkeepDuration = \"two days\"\n")).hasMessageContaining("keepDuration");
    assertThatThrownBy(() -> load("debug = \"yes\"\n")).hasMessageContaining("debug");
    assertThatThrownBy(() -> KilndConfig.load(Optional.of(tmp.resolve("missing.toml")))).hasMessageContaining("does not exist");
  }

  @Test
  void sizesAndDurationsInBuildkitsForms() {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(Units.bytes(mapper.valueToTree("512MiB"), "k", 1)).isEqualTo(512L << 20);
    assertThat(Units.bytes(mapper.valueToTree("1.5GB"), "k", 1)).isEqualTo(1_500_000_000L);
    assertThat(Units.bytes(mapper.valueToTree(42), "k", 1000)).isEqualTo(42_000);
    assertThat(Units.duration(mapper.valueToTree("1h30m"), "k")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Units.duration(mapper.valueToTree(60), "k")).isEqualTo(Duration.ofMinutes(1));
  }
}
