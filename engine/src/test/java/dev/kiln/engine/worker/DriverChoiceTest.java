package dev.kiln.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay probe is remembered per boot and file system, so a CLI start does not mount. */
class DriverChoiceTest {
  @TempDir Path root;

  @Test
  void aSuccessfulProbeIsRememberedForThisBootAndFileSystem() throws Exception {
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    assumeTrue(DriverChoice.overlayWorks(tmp), "overlayfs mounts need root and a kernel that has them");
    Path memo = root.resolve("overlay-works");

    assertThat(DriverChoice.overlayWorksRemembered(tmp)).isTrue();
    String key = Files.readString(memo);
    assertThat(key).startsWith(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip() + " ");
    assertThat(tmp).isEmptyDirectory();

    // Another boot's (or file system's) memo is not trusted: the probe runs and replaces it.
    Files.writeString(memo, "another-boot 1\n");
    assertThat(DriverChoice.overlayWorksRemembered(tmp)).isTrue();
    assertThat(Files.readString(memo)).isEqualTo(key);
  }
}
