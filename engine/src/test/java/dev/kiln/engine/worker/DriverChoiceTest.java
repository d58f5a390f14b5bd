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
  void aWorkingOverlayIsRememberedForThisBootAndFileSystem() throws Exception {
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    DriverChoice.Overlay found = DriverChoice.probe(tmp);
    assumeTrue(found != DriverChoice.Overlay.NONE, "overlayfs mounts need root and a kernel that has them");
    Path memo = root.resolve("overlay-works");

    assertThat(DriverChoice.probeRemembered(tmp)).isEqualTo(found);
    String remembered = Files.readString(memo);
    assertThat(remembered).startsWith(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip() + " ")
        .endsWith(" " + found + "\n");
    assertThat(tmp).isEmptyDirectory();
    assertThat(DriverChoice.probeRemembered(tmp)).isEqualTo(found);

    // Another boot's (or file system's) memo is not trusted: the probe runs and replaces it.
    Files.writeString(memo, "another-boot 1 PLAIN\n");
    assertThat(DriverChoice.probeRemembered(tmp)).isEqualTo(found);
    assertThat(Files.readString(memo)).isEqualTo(remembered);
  }
}
