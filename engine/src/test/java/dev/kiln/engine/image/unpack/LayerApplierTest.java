package dev.kiln.engine.image.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer applier on plain directories: overlay whiteout encoding, in-place deletes, escapes. */
class LayerApplierTest {
  @TempDir Path tmp;

  private static final byte[] LOWER = new TestLayer()
      .dir("etc", 0755).file("etc/old", "old\n", 0644).file("etc/keep", "keep\n", 0644)
      .dir("opq", 0700).file("opq/a", "a\n", 0644)
      .dir("bin", 0755).file("bin/tool", "tool\n", 0755)
      .tar();

  private static final byte[] UPPER = new TestLayer()
      .whiteout("etc/old")
      .dir("opq", 0700).opaque("opq").file("opq/new", "new\n", 0644)
      .hardlink("bin/tool-link", "bin/tool")
      .tar();

  private static void apply(LayerApplier applier, byte[] tar) throws IOException {
    applier.apply(new ByteArrayInputStream(tar));
  }

  @Test
  void overlayLayersStoreDeletionsAsTheKernelDoes() throws Exception {
    Path lower = Files.createDirectories(tmp.resolve("lower"));
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    apply(LayerApplier.overlay(lower, Optional.empty()), LOWER);
    apply(LayerApplier.overlay(upper, Optional.of(lower)), UPPER);

    Stat wh = PosixFiles.lstat(upper.resolve("etc/old"));
    assertThat(wh.type()).isEqualTo(Stat.S_IFCHR);
    assertThat(wh.rdev()).isZero();
    assertThat(PosixFiles.lstat(upper.resolve("etc")).perm()).isEqualTo(0755); // copied up from the lower dir
    assertThat(upper.resolve("etc/keep")).doesNotExist();
    assertThat(Xattrs.get(upper.resolve("opq"), "trusted.overlay.opaque")).hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
    assertThat(upper.resolve("opq/new")).hasContent("new");
    // A hardlink to a lower layer's file copies it up and links the copy.
    assertThat(upper.resolve("bin/tool")).hasContent("tool");
    assertThat(PosixFiles.lstat(upper.resolve("bin/tool-link")).ino()).isEqualTo(PosixFiles.lstat(upper.resolve("bin/tool")).ino());
    assertThat(PosixFiles.lstat(upper.resolve("bin/tool")).perm()).isEqualTo(0755);
  }

  @Test
  void fullTreesApplyDeletionsInPlace() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    apply(LayerApplier.inPlace(tree), LOWER);
    apply(LayerApplier.inPlace(tree), UPPER);
    assertThat(tree.resolve("etc/old")).doesNotExist();
    assertThat(tree.resolve("etc/keep")).exists();
    assertThat(tree.resolve("opq/a")).doesNotExist();
    assertThat(tree.resolve("opq/new")).hasContent("new");
    assertThat(PosixFiles.lstat(tree.resolve("bin/tool-link")).nlink()).isEqualTo(2);
  }

  @Test
  void namesClimbingAboveTheRootAreRefused() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    assertThatThrownBy(() -> apply(LayerApplier.inPlace(tree), new TestLayer().raw("a/../../escape", "x").tar()))
        .hasMessageContaining("points outside the image root");
    assertThatThrownBy(() -> apply(LayerApplier.inPlace(tree), new TestLayer().hardlink("pw", "../../etc/passwd").tar()))
        .hasMessageContaining("points outside the image root");
    assertThat(tmp.resolve("escape")).doesNotExist();
  }

  @Test
  void symlinksAndAbsoluteNamesStayInsideTheRoot() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    byte[] evil = new TestLayer()
        .symlink("evil", outside.toString())
        .raw("evil/planted", "x")
        .symlink("up", "../../..")
        .raw("up/etc/planted", "y")
        .raw("/abs/planted", "z")
        .tar();
    apply(LayerApplier.inPlace(tree), evil);
    assertThat(outside).isEmptyDirectory();
    assertThat(tree.resolve(outside.toString().substring(1)).resolve("planted")).hasContent("x");
    assertThat(tree.resolve("etc/planted")).hasContent("y");
    assertThat(tree.resolve("abs/planted")).hasContent("z");
    assertThat(Files.isSymbolicLink(tree.resolve("evil"))).isTrue();
    assertThat(Files.exists(tree.resolve("up"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
