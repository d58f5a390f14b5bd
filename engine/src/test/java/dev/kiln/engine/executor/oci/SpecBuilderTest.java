package dev.kiln.engine.executor.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.executor.ExecMount;
import dev.kiln.engine.executor.HostIp;
import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.NetworkMode;
import dev.kiln.engine.executor.RootFs;
import dev.kiln.engine.executor.SecurityMode;
import dev.kiln.engine.executor.Ulimit;
import dev.kiln.engine.snapshot.MountSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecBuilderTest {
  private static final UserLookup.ResolvedUser USER =
      new UserLookup.ResolvedUser(1000, 1001, List.of(7L));

  private static JsonNode spec(Meta meta) throws Exception {
    RuntimeSpec spec =
        SpecBuilder.build(meta, RootFs.readOnly(Path.of("/r")), USER, List.of(), "kiln/x", List.of());
    return new ObjectMapper().readTree(SpecBuilder.toJson(spec));
  }

  @Test
  void sandboxSpecHasBuildKitsDefaults() throws Exception {
    JsonNode s = spec(Meta.builder("true").env("A=b").cwd("/w").build());
    assertThat(s.path("ociVersion").asText()).isEqualTo("1.0.2");
    assertThat(s.path("hostname").asText()).isEqualTo("kiln");
    assertThat(s.path("root").path("readonly").asBoolean()).isTrue();
    JsonNode p = s.path("process");
    assertThat(p.path("env").toString())
        .isEqualTo("[\"" + SpecBuilder.DEFAULT_PATH + "\",\"A=b\"]");
    assertThat(p.path("cwd").asText()).isEqualTo("/w");
    assertThat(p.path("noNewPrivileges").asBoolean()).isTrue();
    assertThat(p.path("user").toString()).isEqualTo("{\"uid\":1000,\"gid\":1001,\"additionalGids\":[7]}");
    assertThat(p.path("capabilities").path("bounding")).hasSize(14);
    assertThat(p.path("rlimits").toString())
        .isEqualTo("[{\"type\":\"RLIMIT_NOFILE\",\"hard\":1024,\"soft\":1024}]");
    JsonNode linux = s.path("linux");
    assertThat(linux.path("namespaces").findValuesAsText("type"))
        .containsExactly("pid", "ipc", "uts", "mount", "network");
    assertThat(linux.path("cgroupsPath").asText()).isEqualTo("kiln/x");
    assertThat(linux.path("maskedPaths").toString()).contains("/proc/kcore");
    assertThat(linux.has("seccomp")).isFalse();
    assertThat(linux.path("resources").path("devices").toString())
        .isEqualTo("[{\"allow\":false,\"access\":\"rwm\"}]");
    assertThat(s.path("mounts").findValuesAsText("destination"))
        .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys",
            "/sys/fs/cgroup");
  }

  @Test
  void hostNetworkInsecureAndUlimits() throws Exception {
    JsonNode s = spec(Meta.builder("true").network(NetworkMode.HOST)
        .security(SecurityMode.INSECURE).ulimit(new Ulimit("nofile", 1, 2))
        .ulimit(new Ulimit("nproc", 3, 4)).build());
    JsonNode linux = s.path("linux");
    assertThat(linux.path("namespaces").findValuesAsText("type")).doesNotContain("network");
    assertThat(linux.has("maskedPaths")).isFalse();
    assertThat(linux.has("readonlyPaths")).isFalse();
    assertThat(linux.path("resources").path("devices").get(0).path("allow").asBoolean()).isTrue();
    assertThat(s.path("mounts").get(5).path("options").toString()).contains("\"rw\"");
    assertThat(s.path("process").path("rlimits").toString()).isEqualTo(
        "[{\"type\":\"RLIMIT_NOFILE\",\"hard\":2,\"soft\":1},"
            + "{\"type\":\"RLIMIT_NPROC\",\"hard\":4,\"soft\":3}]");
    assertThat(s.path("process").path("capabilities").path("bounding").size()).isGreaterThan(14);
  }

  @Test
  void callerMountsTranslate() throws Exception {
    var tmpfs = Mounts.of(new ExecMount.Tmpfs("/t", 4096), s -> Path.of("/unused"));
    assertThat(tmpfs).isEqualTo(new RuntimeSpec.Mount("/t", "tmpfs", "tmpfs",
        List.of("nosuid", "nodev", "mode=1777", "size=4096")));
    var secret = Mounts.of(
        new ExecMount.Secret("/s", new byte[] {1}, 0, 0, 0400), s -> Path.of("/priv/secret-0"));
    assertThat(secret.source()).isEqualTo("/priv/secret-0");
    assertThat(secret.options()).contains("ro");
    var overlay = Mounts.of(new ExecMount.Snapshot("/o",
        new MountSpec("overlay", "overlay", List.of("lowerdir=/l", "upperdir=/u", "workdir=/w"))),
        s -> Path.of("/unused"));
    assertThat(overlay.type()).isEqualTo("overlay");
    assertThat(overlay.options()).containsExactly("lowerdir=/l", "upperdir=/u", "workdir=/w");
  }

  @Test
  void hostsFileLayout() {
    assertThat(EtcFiles.hosts("h", List.of(new HostIp("db", "10.0.0.1"))))
        .isEqualTo("127.0.0.1\tlocalhost h\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "10.0.0.1\tdb\n");
  }
}
