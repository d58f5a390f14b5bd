package dev.kiln.engine.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixFilesTest {
  @TempDir Path dir;

  @Test
  void lstatAgreesWithTheJdk() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "hello");
    Stat st = PosixFiles.lstat(f);
    assertThat(st.isRegularFile()).isTrue();
    assertThat(st.size()).isEqualTo(5);
    assertThat(st.ino()).isEqualTo(Files.getAttribute(f, "unix:ino"));
    assertThat(st.nlink()).isEqualTo(1);
    assertThat(st.uid()).isEqualTo(Files.getAttribute(f, "unix:uid"));
    assertThat(st.mode()).isEqualTo(Files.getAttribute(f, "unix:mode"));
    assertThat(st.dev()).isEqualTo(Files.getAttribute(f, "unix:dev"));
    assertThat(PosixFiles.lstat(dir).isDirectory()).isTrue();
  }

  @Test
  void whiteoutIsCharDeviceZeroZero() throws Exception {
    Path wh = dir.resolve("gone");
    PosixFiles.mkWhiteout(wh);
    Stat st = PosixFiles.lstat(wh);
    assertThat(st.type()).isEqualTo(Stat.S_IFCHR);
    assertThat(st.rdev()).isZero();
  }

  @Test
  void mknodFifoAndDevice() throws Exception {
    PosixFiles.mknod(dir.resolve("fifo"), Stat.S_IFIFO | 0644, 0);
    PosixFiles.mknod(dir.resolve("null"), Stat.S_IFCHR | 0666, Stat.makedev(1, 3));
    assertThat(PosixFiles.lstat(dir.resolve("fifo")).type()).isEqualTo(Stat.S_IFIFO);
    Stat dev = PosixFiles.lstat(dir.resolve("null"));
    assertThat(Stat.major(dev.rdev())).isEqualTo(1);
    assertThat(Stat.minor(dev.rdev())).isEqualTo(3);
  }

  @Test
  void makedevRoundTripsLargeNumbers() {
    long dev = Stat.makedev(0x12345, 0x6789ab);
    assertThat(Stat.major(dev)).isEqualTo(0x12345);
    assertThat(Stat.minor(dev)).isEqualTo(0x6789ab);
  }

  @Test
  void symlinkOwnerAndTimesAreTheLinksOwn() throws Exception {
    Path target = Files.createFile(dir.resolve("t"));
    Path link = Files.createSymbolicLink(dir.resolve("l"), target.getFileName());
    Instant when = Instant.ofEpochSecond(1_000_000_000L, 123_456_789);
    PosixFiles.lchown(link, 1234, 5678);
    PosixFiles.setTimes(link, when, when);

    Stat l = PosixFiles.lstat(link);
    assertThat(l.uid()).isEqualTo(1234);
    assertThat(l.gid()).isEqualTo(5678);
    assertThat(l.mtime()).isEqualTo(when);
    Stat t = PosixFiles.lstat(target);
    assertThat(t.uid()).isZero();
    assertThat(t.mtime()).isNotEqualTo(when);
  }

  @Test
  void chmodKeepsSpecialBits() throws Exception {
    Path f = Files.createFile(dir.resolve("f"));
    PosixFiles.chmod(f, 04755);
    assertThat(PosixFiles.lstat(f).perm()).isEqualTo(04755);
    PosixFiles.chmod(dir.resolve("f"), 01777);
    assertThat(Files.getAttribute(f, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0101777);
  }

  @Test
  void lstatOfMissingPathNamesIt() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> PosixFiles.lstat(missing))
        .isInstanceOf(SysException.class)
        .hasMessageContaining("lstat " + missing)
        .hasMessageContaining("(ENOENT)");
  }
}
