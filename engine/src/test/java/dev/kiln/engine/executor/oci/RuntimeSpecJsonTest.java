package dev.kiln.engine.executor.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.NetworkMode;
import dev.kiln.engine.executor.RootFs;
import dev.kiln.engine.executor.SecurityMode;
import dev.kiln.engine.executor.Ulimit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming writer gives the same JSON as data binding of the annotated records. */
class RuntimeSpecJsonTest {
  private static final ObjectMapper BINDING = new ObjectMapper();

  @Test
  void sandboxSpecEqualsDataBinding() throws Exception {
    Meta meta = Meta.builder("sh", "-c", "echo \"quoted\" \\ ünïcode\ttab")
        .env("A=b").cwd("/w").network(NetworkMode.NONE).build();
    var mounts = List.of(Mounts.readonlyFile("/etc/hosts", Path.of("/b/hosts")));
    assertSame(SpecBuilder.build(meta, RootFs.readWrite(Path.of("/r")),
        new UserLookup.ResolvedUser(1000, 1001, List.of(7L, 8L)), mounts, "kiln/x", List.of()));
  }

  @Test
  void insecureSpecWithDevicesEqualsDataBinding() throws Exception {
    Meta meta = Meta.builder("true").security(SecurityMode.INSECURE)
        .ulimit(new Ulimit("nproc", 3, 4)).build();
    var devices = List.of(new RuntimeSpec.Device("/dev/fuse", "c", 10, 229, 0666, 0, 0));
    assertSame(SpecBuilder.build(meta, RootFs.readOnly(Path.of("/r")),
        new UserLookup.ResolvedUser(0, 0, List.of()), List.of(), "kiln/y", devices));
  }

  @Test
  void deviceRulesWithNumbersEqualDataBinding() throws Exception {
    var linux = new RuntimeSpec.Linux(List.of(new RuntimeSpec.Namespace("pid")), null,
        new RuntimeSpec.Resources(List.of(new RuntimeSpec.DeviceRule(true, "c", 1L, 3L, "rw"),
            new RuntimeSpec.DeviceRule(false, null, null, null, "rwm"))), null, null, null);
    assertSame(new RuntimeSpec(RuntimeSpec.OCI_VERSION, null, null, null, null, linux));
  }

  private static void assertSame(RuntimeSpec spec) throws Exception {
    assertThat(new String(SpecBuilder.toJson(spec), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(BINDING.writeValueAsString(spec));
  }
}
