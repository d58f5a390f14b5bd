package dev.kiln.engine.fs;

import dev.kiln.engine.fs.Metadata.Overrides;
import dev.kiln.engine.fs.Metadata.XattrPolicy;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cp -a src/. dest}: copies a whole tree keeping modes, owners, xattrs, symlinks,
 * hardlinks, device nodes, fifos and nanosecond times (the copying snapshotter's primitive).
 * One thread walks and creates directories, links and special files; regular files are copied
 * on a small pool; hardlinks and directory metadata come last, deepest directories first, so
 * nothing moves a directory's mtime after it is set. Symlinks are copied, never followed.
 */
public final class TreeCopier {
  private record Inode(long dev, long ino) {}

  private record Dir(Stat st, Path src, Path target) {}

  private final int parallelism;

  public TreeCopier() {
    this(CopyPool.defaultParallelism());
  }

  /** {@code parallelism} threads copy file contents; 1 copies on the calling thread. */
  public TreeCopier(int parallelism) {
    this.parallelism = Math.max(1, parallelism);
  }

  /**
   * Copies the directory {@code src} to {@code dest}, which must not exist or be an empty
   * directory; {@code dest} itself takes {@code src}'s metadata.
   */
  public void copy(Path src, Path dest) throws IOException {
    Stat root = PosixFiles.lstat(src);
    if (!root.isDirectory()) {
      throw new java.nio.file.NotDirectoryException(src.toString());
    }
    if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(dest);
    }
    List<Dir> dirs = new ArrayList<>();
    List<Path[]> links = new ArrayList<>();
    try (CopyPool pool = new CopyPool(parallelism)) {
      walk(new Dir(root, src, dest), dirs, links, new HashMap<>(), pool);
      pool.await();
    }
    for (Path[] link : links) {
      Files.createLink(link[0], link[1]);
    }
    for (Dir d : dirs) { // post-order
      Metadata.apply(d.st(), d.src(), d.target(), Overrides.NONE, XattrPolicy.STRICT);
    }
  }

  /**
   * Copies just the entries named (relative to both roots, parents before children) from {@code
   * src} into {@code dest}: a directory is created with its metadata but not its contents, so a
   * change list copies what changed and nothing else. Existing directories in {@code dest} are
   * reused; hardlinks between named entries stay hardlinks.
   */
  public void copyEntries(Path src, Path dest, List<String> names) throws IOException {
    List<Dir> dirs = new ArrayList<>();
    List<Path[]> links = new ArrayList<>();
    Map<Inode, Path> inodes = new HashMap<>();
    try (CopyPool pool = new CopyPool(parallelism)) {
      for (String name : names) {
        Path s = src.resolve(name);
        Path t = dest.resolve(name);
        Stat st = PosixFiles.lstat(s);
        if (st.isDirectory()) {
          if (!Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(t);
          dirs.add(new Dir(st, s, t));
        } else if (st.nlink() > 1 && inodes.putIfAbsent(new Inode(st.dev(), st.ino()), t) != null) {
          links.add(new Path[] {t, inodes.get(new Inode(st.dev(), st.ino()))});
        } else if (st.isRegularFile()) {
          pool.submit(() -> copyEntry(st, s, t));
        } else {
          copyEntry(st, s, t);
        }
      }
      pool.await();
    }
    for (Path[] link : links) {
      Files.createLink(link[0], link[1]);
    }
    for (Dir d : dirs.reversed()) { // children before parents
      Metadata.apply(d.st(), d.src(), d.target(), Overrides.NONE, XattrPolicy.STRICT);
    }
  }

  private void walk(Dir dir, List<Dir> dirs, List<Path[]> links, Map<Inode, Path> inodes, CopyPool pool)
      throws IOException {
    for (String name : CopyWalker.sortedNames(dir.src())) {
      Path s = dir.src().resolve(name);
      Path t = dir.target().resolve(name);
      Stat st = PosixFiles.lstat(s);
      if (st.isDirectory()) {
        Files.createDirectory(t);
        walk(new Dir(st, s, t), dirs, links, inodes, pool);
        continue;
      }
      if (st.nlink() > 1) {
        Path first = inodes.putIfAbsent(new Inode(st.dev(), st.ino()), t);
        if (first != null) {
          links.add(new Path[] {t, first});
          continue;
        }
      }
      if (st.isRegularFile()) {
        pool.submit(() -> copyEntry(st, s, t));
      } else {
        copyEntry(st, s, t);
      }
    }
    dirs.add(dir);
  }

  private static void copyEntry(Stat st, Path src, Path target) throws IOException {
    Nodes.create(st, src, target);
    Metadata.apply(st, src, target, Overrides.NONE, XattrPolicy.STRICT);
  }
}
