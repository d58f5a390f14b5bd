package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln build --export-cache/--import-cache} through the CLI, the session and the daemon: a RUN
 * step built on one root is CACHED on another, empty root that imports the cache. Needs root.
 */
class CacheFlagsTest {
  @TempDir Path tmp;

  @Test
  void aLocalCacheMakesARunStepCachedOnAnEmptyRoot() throws Exception {
    Path rootfs = BusyboxTree.create(tmp.resolve("rootfs"));
    byte[] def = State.local("rootfs").run(r -> r.shlex("sh -c 'echo built > /result.txt'")).root()
        .marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")).toByteArray();
    Path cache = tmp.resolve("cache");
    Cli first = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "--root", tmp.resolve("a").toString(),
        "--progress", "plain", "--export-cache", "type=local,dest=" + cache + ",mode=max");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).contains("exporting cache to local");
    assertThat(cache.resolve("index.json")).exists();

    Path out = tmp.resolve("out");
    Cli second = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "--root", tmp.resolve("b").toString(),
        "--progress", "plain", "--import-cache", "type=local,src=" + cache, "-o", "type=local,dest=" + out);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).containsPattern("sh -c echo built > /result.txt\\n#\\d+ CACHED");
    assertThat(out.resolve("result.txt")).hasContent("built");
  }

  @Test
  void aBadCacheOptionIsAUsageError() throws Exception {
    Cli r = Cli.run(new byte[0], "build", "--root", tmp.resolve("a").toString(), "--export-cache", "dest=/x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--export-cache 'dest=/x' needs type=");
  }
}
