package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.snapshot.DirectorySize;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies that share their source's inodes, and what keeps the source from being written. */
class HardLinksTest {
  @TempDir Path tmp;
  private Path src;
  private Path dest;

  @BeforeEach
  void tree() throws Exception {
    src = Files.createDirectories(tmp.resolve("src/dir"));
    src = tmp.resolve("src");
    Files.writeString(src.resolve("dir/a"), "a\n");
    Files.writeString(src.resolve("b"), "b\n");
    dest = Files.createDirectories(tmp.resolve("dest"));
  }

  private static Copy copyAll(Owner owner, Integer mode) {
    return new Copy("/", "/out", owner, mode, false, false, false, true, false, false, null, List.of(), List.of(), false);
  }

  @Test
  void aCopyKeepingMetadataLinksEachFile() throws Exception {
    Copy copy = copyAll(null, null);
    FileActions.copy(src, dest, copy, HardLinks.whenMetadataKept(copy, HardLinks.direct()));
    assertThat(inode(dest.resolve("out/dir/a"))).isEqualTo(inode(src.resolve("dir/a")));
    assertThat(inode(dest.resolve("out/b"))).isEqualTo(inode(src.resolve("b")));
  }

  @Test
  void anOwnerOrModeOfItsOwnMeansACopy() throws Exception {
    for (Copy copy : List.of(copyAll(new Owner(1000, 1000), null), copyAll(null, 0600))) {
      Path to = Files.createDirectories(tmp.resolve("d" + copy.hashCode()));
      FileActions.copy(src, to, copy, HardLinks.whenMetadataKept(copy, HardLinks.direct()));
      assertThat(inode(to.resolve("out/b"))).isNotEqualTo(inode(src.resolve("b")));
      assertThat(to.resolve("out/b")).hasContent("b");
    }
    // The same owner as the source's is no change: linked.
    Copy root = copyAll(Owner.ROOT, 0644);
    FileActions.copy(src, dest, root, HardLinks.whenMetadataKept(root, HardLinks.direct()));
    assertThat(inode(dest.resolve("out/b"))).isEqualTo(inode(src.resolve("b")));
  }

  @Test
  void mkfileOverALinkedFileLeavesTheOtherNameAlone() throws Exception {
    Copy copy = copyAll(null, null);
    FileActions.copy(src, dest, copy, HardLinks.direct());
    FileActions.apply(dest, new Mkfile("/out/b", 0600, "new\n".getBytes(), null, null));
    assertThat(dest.resolve("out/b")).hasContent("new");
    assertThat(src.resolve("b")).hasContent("b");
    assertThat(Files.getAttribute(src.resolve("b"), "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0100644);
  }

  @Test
  void deferredLinksArePlaceholdersUntilFinished() throws Exception {
    DeferredLinks links = new DeferredLinks(dest, dest); // a plain directory stands for the mount
    Files.createDirectories(dest.resolve("out/dir")); // existing directories: placeholders hold the names
    FileActions.copy(src, dest, copyAll(null, null), links);
    Path dir = dest.resolve("out/dir");
    assertThat(Files.size(dir.resolve("a"))).isZero();
    FileTime dirTime = Files.getLastModifiedTime(dir);
    links.finish();
    assertThat(dir.resolve("a")).hasContent("a");
    assertThat(inode(dir.resolve("a"))).isEqualTo(inode(src.resolve("dir/a")));
    assertThat(Files.getLastModifiedTime(dir)).isEqualTo(dirTime);
  }

  @Test
  void aPlaceholderReplacedMeanwhileIsKept() throws Exception {
    DeferredLinks links = new DeferredLinks(dest, dest);
    Files.createDirectories(dest.resolve("out"));
    FileActions.copy(src, dest, copyAll(null, null), links);
    Files.delete(dest.resolve("out/b"));
    Files.writeString(dest.resolve("out/b"), "other\n");
    links.finish();
    assertThat(dest.resolve("out/b")).hasContent("other");
  }

  @Test
  void inDirectoriesTheCopyCreatesOnlyTheLinksAreMadeWhenFinished() throws Exception {
    DeferredLinks links = new DeferredLinks(dest, dest);
    FileActions.copy(src, dest, copyAll(null, null), links);
    Path dir = dest.resolve("out/dir");
    assertThat(dir).isDirectory();
    assertThat(dir.resolve("a")).doesNotExist(); // no placeholder: nothing else could take the name
    assertThat(dest.resolve("out/b")).doesNotExist();
    FileTime dirTime = Files.getLastModifiedTime(dir);
    FileTime outTime = Files.getLastModifiedTime(dest.resolve("out"));
    links.finish();
    assertThat(dir.resolve("a")).hasContent("a");
    assertThat(inode(dir.resolve("a"))).isEqualTo(inode(src.resolve("dir/a")));
    assertThat(inode(dest.resolve("out/b"))).isEqualTo(inode(src.resolve("b")));
    assertThat(Files.getLastModifiedTime(dir)).isEqualTo(dirTime);
    assertThat(Files.getLastModifiedTime(dest.resolve("out"))).isEqualTo(outTime);
    assertThat(links.isEmpty()).isTrue();
  }

  @Test
  void aNameTakenBeforeFinishKeepsWhatTookIt() throws Exception {
    DeferredLinks links = new DeferredLinks(dest, dest);
    FileActions.copy(src, dest, copyAll(null, null), links);
    Files.writeString(dest.resolve("out/b"), "other\n");
    links.finish();
    assertThat(dest.resolve("out/b")).hasContent("other");
    assertThat(dest.resolve("out/dir/a")).hasContent("a");
  }

  @Test
  void severalSourcesHoldEachNameFromTheStart() throws Exception {
    Files.createDirectories(tmp.resolve("src2/dir"));
    Files.writeString(tmp.resolve("src2/dir/a"), "a2\n");
    Path both = tmp.resolve("both");
    Files.createDirectories(both.resolve("one/dir"));
    Files.createDirectories(both.resolve("two/dir"));
    Files.move(src.resolve("dir/a"), both.resolve("one/dir/a"));
    Files.move(tmp.resolve("src2/dir/a"), both.resolve("two/dir/a"));
    Copy copy = new Copy("/*", "/out/", null, null, false, true, false, true, true, false, null, List.of(), List.of(), false);
    DeferredLinks links = new DeferredLinks(dest, dest);
    FileActions.copy(both, dest, copy, links);
    assertThat(Files.size(dest.resolve("out/dir/a"))).isZero(); // a placeholder the second source replaced
    links.finish();
    assertThat(dest.resolve("out/dir/a")).hasContent("a2");
    assertThat(inode(dest.resolve("out/dir/a"))).isEqualTo(inode(both.resolve("two/dir/a")));
  }

  @Test
  void aFileWithTooManyNamesIsCopiedInstead() throws Exception {
    var st = dev.kiln.engine.sys.PosixFiles.lstat(src.resolve("b"));
    var crowded = new dev.kiln.engine.sys.Stat(st.mode(), st.uid(), st.gid(), st.size(), st.ino(), st.dev(),
        HardLinks.MAX_LINKS, st.rdev(), st.atime(), st.mtime(), st.ctime());
    assertThat(new DeferredLinks(dest, dest).link(src.resolve("b"), crowded, dest.resolve("b"))).isFalse();
    assertThat(dest.resolve("b")).doesNotExist();
  }

  @Test
  void aSharedFileCountsItsShareOfTheBytes() throws Exception {
    Files.write(src.resolve("big"), new byte[10_000]);
    long alone = DirectorySize.of(src);
    FileActions.copy(src, dest, copyAll(null, null), HardLinks.direct());
    assertThat(DirectorySize.of(src) + DirectorySize.of(dest)).isEqualTo(alone);
  }

  private static long inode(Path p) throws Exception {
    return (Long) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }
}
