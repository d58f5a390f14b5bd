package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class TreeCopierTest {
  static final Instant T = Instant.parse("2011-11-11T11:11:11.111111111Z");
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void preservesEverything(int parallelism) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path sub = Files.createDirectories(src.resolve("sub/deeper"));
    Path f = Files.writeString(sub.resolve("f"), "data");
    PosixFiles.lchown(f, 123, 456);
    PosixFiles.chmod(f, 02755);
    Xattrs.set(f, "user.u", new byte[] {1});
    Xattrs.set(f, "trusted.t", new byte[] {2});
    Files.createLink(src.resolve("hard"), f);
    Path link = Files.createSymbolicLink(src.resolve("sym"), Path.of("sub/deeper/f"));
    PosixFiles.lchown(link, 7, 8);
    PosixFiles.mknod(src.resolve("fifo"), Stat.S_IFIFO | 0640, 0);
    PosixFiles.mknod(src.resolve("wh"), Stat.S_IFCHR, 0);
    PosixFiles.chmod(src.resolve("sub"), 0500);
    for (Path p : new Path[] {f, link, sub, src.resolve("sub"), src}) {
      PosixFiles.setTimes(p, T, T);
    }

    Path dest = tmp.resolve("dest");
    new TreeCopier(parallelism).copy(src, dest);

    for (String rel : new String[] {"", "sub", "sub/deeper", "sub/deeper/f", "sym", "fifo", "wh", "hard"}) {
      Stat a = PosixFiles.lstat(rel.isEmpty() ? src : src.resolve(rel));
      Stat b = PosixFiles.lstat(rel.isEmpty() ? dest : dest.resolve(rel));
      assertThat(b.mode()).as(rel).isEqualTo(a.mode());
      assertThat(b.uid()).as(rel).isEqualTo(a.uid());
      assertThat(b.gid()).as(rel).isEqualTo(a.gid());
      assertThat(b.mtime()).as(rel).isEqualTo(a.mtime());
      assertThat(b.rdev()).as(rel).isEqualTo(a.rdev());
      assertThat(b.nlink()).as(rel).isEqualTo(a.nlink());
    }
    Path g = dest.resolve("sub/deeper/f");
    assertThat(g).hasContent("data");
    assertThat(Xattrs.get(g, "trusted.t")).isPresent();
    assertThat(Xattrs.get(g, "user.u")).isPresent();
    assertThat(Files.readSymbolicLink(dest.resolve("sym"))).isEqualTo(Path.of("sub/deeper/f"));
    assertThat(PosixFiles.lstat(dest.resolve("hard")).ino()).isEqualTo(PosixFiles.lstat(g).ino());
  }
}
