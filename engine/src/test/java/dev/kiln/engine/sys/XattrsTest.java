package dev.kiln.engine.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XattrsTest {
  @TempDir Path dir;

  @Test
  void roundTripsUserAndTrustedAttributes() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    byte[] binary = {0, 1, 2, (byte) 0xff};

    Xattrs.set(f, "user.kiln", "hello".getBytes(StandardCharsets.UTF_8));
    Xattrs.set(f, "trusted.kiln", binary);

    assertThat(Xattrs.list(f)).contains("user.kiln", "trusted.kiln");
    assertThat(Xattrs.get(f, "user.kiln")).hasValueSatisfying(v -> assertThat(v).asString().isEqualTo("hello"));
    assertThat(Xattrs.get(f, "trusted.kiln")).hasValueSatisfying(v -> assertThat(v).isEqualTo(binary));

    Xattrs.remove(f, "user.kiln");
    assertThat(Xattrs.get(f, "user.kiln")).isEmpty();
    assertThat(Xattrs.list(f)).doesNotContain("user.kiln");
  }

  @Test
  void emptyValueAndNoAttributes() throws Exception {
    Path f = Files.createFile(dir.resolve("f"));
    assertThat(Xattrs.list(f)).isEmpty();
    Xattrs.set(f, "user.empty", new byte[0]);
    assertThat(Xattrs.get(f, "user.empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void symlinkAttributesAreTheLinksOwn() throws Exception {
    Path target = Files.createFile(dir.resolve("target"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    Xattrs.set(link, "trusted.onlink", new byte[] {7});
    assertThat(Xattrs.get(link, "trusted.onlink")).isPresent();
    assertThat(Xattrs.get(target, "trusted.onlink")).isEmpty();
  }

  @Test
  void errorsNameCallPathAndErrno() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> Xattrs.set(missing, "user.a", new byte[] {1}))
        .isInstanceOf(SysException.class)
        .hasMessage("lsetxattr user.a " + missing + ": No such file or directory (ENOENT)")
        .satisfies(e -> assertThat(((SysException) e).errno()).isEqualTo(Errno.ENOENT));
  }
}
