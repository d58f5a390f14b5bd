package dev.kiln.engine.executor.runc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.NetworkMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostname, /etc files and the two network modes. */
class RuncNetworkTest extends RuncTestBase {
  @Test
  void hostnameAndExtraHosts() throws Exception {
    Run r =
        run(Meta.shell("hostname; cat /etc/hosts")
            .hostname("box")
            .extraHost("db", "10.1.2.3")
            .extraHost("v6", "::2")
            .build());
    assertThat(r.stdout())
        .isEqualTo(
            """
            box
            127.0.0.1\tlocalhost box
            ::1\tlocalhost ip6-localhost ip6-loopback
            10.1.2.3\tdb
            ::2\tv6
            """);
    assertThat(run(Meta.builder("hostname").build()).stdout()).isEqualTo("kiln\n");
  }

  @Test
  void resolvConfIsTheHostsAndReadOnly() throws Exception {
    Run r = run(Meta.shell("cat /etc/resolv.conf; echo x >> /etc/resolv.conf || echo ro").build());
    String host = Files.exists(Path.of("/etc/resolv.conf"))
        ? Files.readString(Path.of("/etc/resolv.conf")) : "";
    assertThat(r.stdout()).isEqualTo(host + "ro\n");
    assertThat(rootfs.resolve("etc/resolv.conf")).doesNotExist(); // a stub, removed again
  }

  @Test
  void networkNoneHasOnlyLoopbackAndItIsUp() throws Exception {
    Run r = run(Meta.shell("ip -o link; echo routes; ip route; ping -c1 -W1 127.0.0.1 >/dev/null && echo pong")
        .network(NetworkMode.NONE).build());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines.getFirst()).startsWith("1: lo:").contains("UP");
    assertThat(lines.subList(1, lines.size())).containsExactly("routes", "pong");
  }

  @Test
  void networkHostSeesTheHostInterfaces() throws Exception {
    Run r = run(Meta.shell("ls /sys/class/net").network(NetworkMode.HOST).build());
    List<String> host;
    try (var links = Files.list(Path.of("/sys/class/net"))) {
      host = links.map(p -> p.getFileName().toString()).toList();
    }
    assertThat(r.stdout().split("\\s+")).containsExactlyInAnyOrderElementsOf(host);
  }
}
