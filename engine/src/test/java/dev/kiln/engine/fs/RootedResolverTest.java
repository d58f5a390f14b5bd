package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootedResolverTest {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void tree() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("a/b"));
    Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(tmp.resolve("outside/secret"), "s");
  }

  @Test
  void dotDotIsClampedAtTheRoot() throws Exception {
    assertThat(RootedResolver.resolve(root, "../../etc")).isEqualTo(root.resolve("etc"));
    assertThat(RootedResolver.resolve(root, "/a/../../..")).isEqualTo(root);
    assertThat(RootedResolver.resolve(root, "a/./b/../b")).isEqualTo(root.resolve("a/b"));
  }

  @Test
  void absoluteSymlinkIsReRooted() throws Exception {
    Files.createSymbolicLink(root.resolve("a/abs"), tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("etc"), Path.of("/a/b"));
    assertThat(RootedResolver.resolve(root, "/a/abs/secret"))
        .isEqualTo(root.resolve(tmp.toString().substring(1)).resolve("outside/secret"));
    assertThat(RootedResolver.resolve(root, "/etc/x")).isEqualTo(root.resolve("a/b/x"));
  }

  @Test
  void relativeSymlinkCannotClimbOut() throws Exception {
    Files.createSymbolicLink(root.resolve("a/up"), Path.of("../../../../outside"));
    assertThat(RootedResolver.resolve(root, "a/up/secret")).isEqualTo(root.resolve("outside/secret"));
  }

  @Test
  void symlinkedParentDirectoryIsFollowedInside() throws Exception {
    Files.createSymbolicLink(root.resolve("link"), Path.of("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/file"), Path.of("../../../outside/secret"));
    assertThat(RootedResolver.resolve(root, "link/file")).isEqualTo(root.resolve("outside/secret"));
    assertThat(RootedResolver.resolveNoFollow(root, "link/file")).isEqualTo(root.resolve("a/b/file"));
  }

  @Test
  void symlinkLoopIsAnError() throws Exception {
    Files.createSymbolicLink(root.resolve("x"), Path.of("y"));
    Files.createSymbolicLink(root.resolve("y"), Path.of("/x"));
    assertThatThrownBy(() -> RootedResolver.resolve(root, "x/z"))
        .isInstanceOf(FileSystemLoopException.class)
        .hasMessageContaining("/x/z");
    Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
    assertThatThrownBy(() -> RootedResolver.resolve(root, "self"))
        .isInstanceOf(FileSystemLoopException.class);
  }

  @Test
  void missingComponentsResolveLexically() throws Exception {
    assertThat(RootedResolver.resolve(root, "/nope/x/../y")).isEqualTo(root.resolve("nope/y"));
  }

  @Test
  void finalSymlinkKeptWithNoFollow() throws Exception {
    Files.createSymbolicLink(root.resolve("l"), Path.of("/a"));
    assertThat(RootedResolver.resolveNoFollow(root, "/l")).isEqualTo(root.resolve("l"));
    assertThat(RootedResolver.resolve(root, "/l")).isEqualTo(root.resolve("a"));
  }

  @Test
  void cleanAndInRoot() {
    assertThat(RootedResolver.clean("")).isEqualTo("/");
    assertThat(RootedResolver.clean("a//b/./../c/")).isEqualTo("/a/c");
    assertThat(RootedResolver.clean("../../x")).isEqualTo("/x");
    assertThat(RootedResolver.inRoot(root, root.resolve("a/b"))).isEqualTo("/a/b");
  }
}
