package dev.kiln.engine.executor.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathTest {
  @TempDir Path temp;
  Path root;

  @org.junit.jupiter.api.BeforeEach
  void createRoot() throws Exception {
    root = Files.createDirectory(temp.resolve("root")); // links may climb to temp, not beyond
  }

  @Test
  void plainPathsAndDotDotStayInside() throws Exception {
    assertThat(RootPath.resolve(root, "/a/./b/")).isEqualTo(root.resolve("a/b"));
    assertThat(RootPath.resolve(root, "/../../etc")).isEqualTo(root.resolve("etc"));
    assertThat(RootPath.resolve(root, "/")).isEqualTo(root);
  }

  @Test
  void absoluteAndRelativeSymlinksResolveInsideTheRoot() throws Exception {
    Files.createDirectories(root.resolve("real/dir"));
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/real"));
    Files.createSymbolicLink(root.resolve("real/up"), Path.of("../.."));
    assertThat(RootPath.resolve(root, "/abs/dir/x")).isEqualTo(root.resolve("real/dir/x"));
    assertThat(RootPath.resolve(root, "/real/up/etc")).isEqualTo(root.resolve("etc"));
  }

  @Test
  void symlinkLoopsFail() throws Exception {
    Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));
    assertThatThrownBy(() -> RootPath.resolve(root, "/loop/x"))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("too many levels");
  }

  @Test
  void mkdirsCreatesOnlyMissingDirectoriesOwnedByTheUser() throws Exception {
    Files.createDirectories(root.resolve("have"));
    Path made = RootPath.mkdirs(root, "/have/new/deeper", 0, 0);
    assertThat(made).isDirectory().isEqualTo(root.resolve("have/new/deeper"));
    assertThat(Files.getAttribute(made, "unix:mode")).isEqualTo(040755);
    assertThat(RootPath.mkdirs(root, "/", 0, 0)).isEqualTo(root);
  }

  @Test
  void mkdirsRefusesAFileInTheWay() throws Exception {
    Files.writeString(root.resolve("file"), "x");
    assertThatThrownBy(() -> RootPath.mkdirs(root, "/file/sub", 0, 0))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("not a directory");
  }
}
