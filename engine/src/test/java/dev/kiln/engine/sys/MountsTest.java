package dev.kiln.engine.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsTest {
  @TempDir Path dir;

  @Test
  void mountsAndUnmountsATmpfs() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    Path target = Files.createDirectory(dir.resolve("mnt"));
    Mounts.mount("tmpfs", target, "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV, "size=1m,mode=0700");
    try {
      assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
          .anyMatch(l -> l.contains(" " + target + " ") && l.contains(" tmpfs "));
      Files.writeString(target.resolve("inside"), "x");
      assertThat(PosixFiles.lstat(target).perm()).isEqualTo(0700);
    } finally {
      Mounts.umount(target, Mounts.MNT_DETACH);
    }
    assertThat(Files.exists(target.resolve("inside"))).isFalse();
  }

  @Test
  void failedMountNamesFsTypeTargetAndErrno() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    Path target = Files.createDirectory(dir.resolve("mnt"));
    assertThatThrownBy(() -> Mounts.mount("overlay", target, "overlay", 0, "bogus=1"))
        .isInstanceOf(SysException.class)
        .hasMessageStartingWith("mount overlay on " + target + ": ")
        .hasMessageEndingWith("(EINVAL)");
  }

  @Test
  void umountOfANonMountPointFails() throws Exception {
    assertThatThrownBy(() -> Mounts.umount(dir, 0))
        .isInstanceOf(SysException.class)
        .hasMessageStartingWith("umount " + dir + ": ");
  }
}
