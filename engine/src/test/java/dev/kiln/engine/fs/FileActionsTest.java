package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileActionsTest {
  static final Instant T = Instant.parse("2020-01-02T03:04:05.123456789Z");
  @TempDir Path tmp;
  Path root;
  Path src;

  @BeforeEach
  void roots() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    src = Files.createDirectories(tmp.resolve("src"));
  }

  static Copy copy(String from, String to) {
    return Copy.of(from, to);
  }

  static Copy with(Copy c, Owner owner, Integer mode, Instant time) {
    return new Copy(c.src(), c.dest(), owner, mode, c.followSymlink(), c.dirCopyContents(),
        c.attemptUnpack(), c.createDestPath(), c.allowWildcard(), c.allowEmptyWildcard(), time,
        c.includePatterns(), c.excludePatterns(), c.alwaysReplaceExistingDestPaths());
  }

  static Copy flags(Copy c, boolean follow, boolean contents, boolean unpack, boolean create,
      boolean wildcard, boolean emptyWildcard) {
    return new Copy(c.src(), c.dest(), c.owner(), c.mode(), follow, contents, unpack, create,
        wildcard, emptyWildcard, c.time(), c.includePatterns(), c.excludePatterns(),
        c.alwaysReplaceExistingDestPaths());
  }

  static Copy patterns(Copy c, List<String> include, List<String> exclude) {
    return new Copy(c.src(), c.dest(), c.owner(), c.mode(), c.followSymlink(), c.dirCopyContents(),
        c.attemptUnpack(), c.createDestPath(), c.allowWildcard(), c.allowEmptyWildcard(), c.time(),
        include, exclude, c.alwaysReplaceExistingDestPaths());
  }

  Path write(Path base, String rel, String content) throws Exception {
    Path p = base.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  // --- mkdir ---------------------------------------------------------------------------------

  @Test
  void mkdirWithParentsAppliesModeOwnerTimeToNewDirsOnly() throws Exception {
    Files.createDirectories(root.resolve("a"));
    FileActions.apply(root, new Mkdir("/a/b/c", 0750, true, new Owner(10, 20), T));
    for (String d : List.of("a/b", "a/b/c")) {
      Stat st = PosixFiles.lstat(root.resolve(d));
      assertThat(st.perm()).isEqualTo(0750);
      assertThat(st.uid()).isEqualTo(10);
      assertThat(st.gid()).isEqualTo(20);
      assertThat(st.mtime()).isEqualTo(T);
    }
    assertThat(PosixFiles.lstat(root.resolve("a")).uid()).isZero();
    FileActions.apply(root, new Mkdir("/a/b/c", 0700, true, null, null)); // existing: fine
    assertThat(PosixFiles.lstat(root.resolve("a/b/c")).perm()).isEqualTo(0750);
  }

  @Test
  void mkdirWithoutParentsNeedsParentButLeavesAnExistingPath() throws Exception {
    FileActions.apply(root, new Mkdir("/x", 0700, false, null, null));
    assertThat(root.resolve("x")).isDirectory();
    // Like BuildKit: an existing path is no error and keeps its mode.
    FileActions.apply(root, new Mkdir("/x", 0755, false, null, null));
    assertThat(PosixFiles.lstat(root.resolve("x")).perm()).isEqualTo(0700);
    assertThatThrownBy(() -> FileActions.apply(root, new Mkdir("/no/x", 0755, false, null, null)))
        .hasMessage("mkdir /no/x: no such file or directory: /no");
  }

  @Test
  void mkdirThroughEscapingSymlinkStaysInside() throws Exception {
    Files.createSymbolicLink(root.resolve("out"), Path.of("../../.."));
    FileActions.apply(root, new Mkdir("/out/evil", 0755, true, null, null));
    assertThat(root.resolve("evil")).isDirectory();
  }

  // --- mkfile / rm -------------------------------------------------------------------------------

  @Test
  void mkfileOverwritesAndAppliesMetadata() throws Exception {
    write(root, "f", "old content that is longer");
    FileActions.apply(root, new Mkfile("/f", 0640, "new".getBytes(), new Owner(5, 6), T));
    assertThat(root.resolve("f")).hasContent("new");
    Stat st = PosixFiles.lstat(root.resolve("f"));
    assertThat(st.perm()).isEqualTo(0640);
    assertThat(st.uid()).isEqualTo(5);
    assertThat(st.mtime()).isEqualTo(T);
  }

  @Test
  void rmRemovesSymlinkNotTarget() throws Exception {
    write(root, "dir/keep", "k");
    Files.createSymbolicLink(root.resolve("link"), Path.of("/dir"));
    FileActions.apply(root, new Rm("/link", false, false));
    assertThat(root.resolve("link")).doesNotExist();
    assertThat(root.resolve("dir/keep")).exists();
  }

  @Test
  void rmWildcardAndNotFound() throws Exception {
    write(root, "a.log", "");
    write(root, "b.log", "");
    write(root, "c.txt", "");
    FileActions.apply(root, new Rm("/*.log", false, true));
    assertThat(root.resolve("a.log")).doesNotExist();
    assertThat(root.resolve("c.txt")).exists();
    FileActions.apply(root, new Rm("/missing", true, false));
    FileActions.apply(root, new Rm("/*.none", false, true)); // a wildcard matching nothing: no error
    assertThatThrownBy(() -> FileActions.apply(root, new Rm("/missing", false, false)))
        .hasMessage("rm /missing: no such file or directory: /missing");
  }

  // --- copy --------------------------------------------------------------------------------------

  @Test
  void copyFileIntoDirAndOntoName() throws Exception {
    write(src, "app.c", "int main;");
    Files.createDirectories(root.resolve("app"));
    FileActions.copy(src, root, copy("/app.c", "/app"));
    assertThat(root.resolve("app/app.c")).hasContent("int main;");
    FileActions.copy(src, root, copy("/app.c", "/renamed.c"));
    assertThat(root.resolve("renamed.c")).hasContent("int main;");
    FileActions.copy(src, root, copy("app.c", "/new/"));
    assertThat(root.resolve("new/app.c")).hasContent("int main;");
  }

  @Test
  void missingSourceErrorNamesActionAndPath() {
    assertThatThrownBy(() -> FileActions.copy(src, root, copy("/src/app.c", "/app/")))
        .isInstanceOf(FileActionException.class)
        .hasMessage("copy /src/app.c → /app/: no such file or directory: /src/app.c");
  }

  @Test
  void missingDestParentWithoutCreateDestPath() throws Exception {
    write(src, "f", "x");
    assertThatThrownBy(() -> FileActions.copy(src, root, copy("/f", "/a/b/f")))
        .hasMessage("copy /f → /a/b/f: no such file or directory: /a/b");
    FileActions.copy(src, root, flags(copy("/f", "/a/b/f"), false, false, false, true, false, false));
    assertThat(root.resolve("a/b/f")).hasContent("x");
  }

  @Test
  void directoryItselfOrItsContents() throws Exception {
    write(src, "dir/x", "1");
    write(src, "dir/sub/y", "2");
    Files.createDirectories(root.resolve("dest"));
    FileActions.copy(src, root, copy("/dir", "/dest"));
    assertThat(root.resolve("dest/dir/sub/y")).hasContent("2");
    FileActions.copy(src, root, flags(copy("/dir", "/dest"), false, true, false, false, false, false));
    assertThat(root.resolve("dest/x")).hasContent("1");
    assertThat(root.resolve("dest/sub/y")).hasContent("2");
    FileActions.copy(src, root, copy("/dir", "/fresh"));
    assertThat(root.resolve("fresh/x")).hasContent("1");
  }

  @Test
  void keepsMetadataOrOverridesIt() throws Exception {
    Path f = write(src, "d/f", "x");
    PosixFiles.lchown(f, 1000, 1001); // before chmod: chown clears setuid
    PosixFiles.chmod(f, 04751);
    Xattrs.set(f, "user.k", new byte[] {1});
    PosixFiles.setTimes(f, T, T);
    FileActions.copy(src, root, copy("/d", "/kept"));
    Stat kept = PosixFiles.lstat(root.resolve("kept/f"));
    assertThat(kept.perm()).isEqualTo(04751);
    assertThat(kept.uid()).isEqualTo(1000);
    assertThat(kept.gid()).isEqualTo(1001);
    assertThat(kept.mtime()).isEqualTo(T);
    assertThat(Xattrs.get(root.resolve("kept/f"), "user.k")).isPresent();

    Instant t2 = Instant.parse("2001-01-01T00:00:00Z");
    FileActions.copy(src, root, with(copy("/d", "/over"), new Owner(7, 8), 0600, t2));
    for (String p : List.of("over", "over/f")) {
      Stat st = PosixFiles.lstat(root.resolve(p));
      assertThat(st.uid()).isEqualTo(7);
      assertThat(st.mtime()).isEqualTo(t2);
    }
    assertThat(PosixFiles.lstat(root.resolve("over/f")).perm()).isEqualTo(04600);
  }

  @Test
  void symlinksHardlinksAndSpecialFiles() throws Exception {
    Path f = write(src, "d/f", "x");
    Files.createLink(src.resolve("d/hard"), f);
    Files.createSymbolicLink(src.resolve("d/sym"), Path.of("/etc/passwd"));
    PosixFiles.mknod(src.resolve("d/fifo"), Stat.S_IFIFO | 0600, 0);
    PosixFiles.mknod(src.resolve("d/null"), Stat.S_IFCHR | 0666, Stat.makedev(1, 3));
    FileActions.copy(src, root, copy("/d", "/d"));
    Path d = root.resolve("d");
    assertThat(Files.readSymbolicLink(d.resolve("sym"))).isEqualTo(Path.of("/etc/passwd"));
    assertThat(PosixFiles.lstat(d.resolve("hard")).ino()).isEqualTo(PosixFiles.lstat(d.resolve("f")).ino());
    assertThat(PosixFiles.lstat(d.resolve("fifo")).type()).isEqualTo(Stat.S_IFIFO);
    assertThat(PosixFiles.lstat(d.resolve("null")).rdev()).isEqualTo(Stat.makedev(1, 3));
  }

  @Test
  void followSymlinkSource() throws Exception {
    write(src, "real", "content");
    Files.createSymbolicLink(src.resolve("link"), Path.of("real"));
    FileActions.copy(src, root, copy("/link", "/asLink"));
    assertThat(Files.isSymbolicLink(root.resolve("asLink"))).isTrue();
    FileActions.copy(src, root, flags(copy("/link", "/asFile"), true, false, false, false, false, false));
    assertThat(Files.isSymbolicLink(root.resolve("asFile"))).isFalse();
    assertThat(root.resolve("asFile")).hasContent("content");
  }

  @Test
  void wildcards() throws Exception {
    write(src, "a.c", "a");
    write(src, "b.c", "b");
    write(src, "c.h", "c");
    FileActions.copy(src, root, flags(copy("/*.c", "/out/"), false, false, false, false, true, false));
    assertThat(root.resolve("out/a.c")).exists();
    assertThat(root.resolve("out/b.c")).exists();
    assertThat(root.resolve("out/c.h")).doesNotExist();
    assertThatThrownBy(() -> FileActions.copy(src, root,
            flags(copy("/*.go", "/out/"), false, false, false, false, true, false)))
        .hasMessageContaining("copy /*.go → /out/: no such file or directory: /*.go");
    FileActions.copy(src, root, flags(copy("/*.go", "/out/"), false, false, false, false, true, true));
  }

  @Test
  void includeAndExcludePatterns() throws Exception {
    write(src, "ctx/src/main.go", "m");
    write(src, "ctx/src/main_test.go", "t");
    write(src, "ctx/docs/readme.md", "r");
    write(src, "ctx/node_modules/x/y.js", "y");
    Copy c = patterns(flags(copy("/ctx", "/app"), false, true, false, true, false, false),
        List.of("**/*.go", "docs"), List.of("**/*_test.go", "node_modules"));
    FileActions.copy(src, root, c);
    assertThat(root.resolve("app/src/main.go")).exists();
    assertThat(root.resolve("app/src/main_test.go")).doesNotExist();
    assertThat(root.resolve("app/docs/readme.md")).exists();
    assertThat(root.resolve("app/node_modules")).doesNotExist();
  }

  @Test
  void fileDoesNotReplaceDirectoryUnlessAsked() throws Exception {
    write(src, "x", "file");
    Files.createDirectories(root.resolve("d/x/inner"));
    // dest "/d/x" is an existing dir, so the file goes inside it
    FileActions.copy(src, root, copy("/x", "/d/x"));
    assertThat(root.resolve("d/x/x")).hasContent("file");
    Files.createDirectories(src.resolve("dir/x"));
    write(root, "e/dir/x", "a file where the dir goes");
    assertThatThrownBy(() -> FileActions.copy(src, root, copy("/dir", "/e")))
        .hasMessageContaining("non-directory /e/dir/x");
  }

  @Test
  void copyNeverWritesThroughDestinationSymlinksOutOfRoot() throws Exception {
    write(src, "f", "x");
    Files.createDirectories(tmp.resolve("victim"));
    Files.createSymbolicLink(root.resolve("escape"), tmp.resolve("victim"));
    FileActions.copy(src, root, flags(copy("/f", "/escape/f"), false, false, false, true, false, false));
    assertThat(tmp.resolve("victim/f")).doesNotExist();
    assertThat(Files.exists(root.resolve(tmp.toString().substring(1)).resolve("victim/f"), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
