package dev.kiln.engine.fs;

import dev.kiln.engine.sys.PosixFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Runs {@link FileAction}s inside a root directory standing for {@code /}, with BuildKit's file
 * op semantics. Nothing outside the root is read or written: every path goes through {@link
 * RootedResolver}. Errors are {@link FileActionException}s naming the action and in-root paths.
 */
public final class FileActions {
  private FileActions() {}

  /** Runs {@code action} in {@code root}; a {@link Copy} reads from the same root. */
  public static void apply(Path root, FileAction action) throws FileActionException {
    switch (action) {
      case Mkdir m -> run(m, () -> mkdir(root, m), root);
      case Mkfile f -> run(f, () -> mkfile(root, f), root);
      case Rm r -> run(r, () -> rm(root, r), root);
      case Copy c -> copy(root, root, c);
    }
  }

  /** Copies from {@code srcRoot} (e.g. another snapshot or a local context) into {@code destRoot}. */
  public static void copy(Path srcRoot, Path destRoot, Copy action) throws FileActionException {
    copy(srcRoot, destRoot, action, HardLinks.NONE);
  }

  /**
   * Like {@link #copy(Path, Path, Copy)}; regular files that {@code shared} links to their source
   * are not copied (the caller decides when that is safe: see {@link HardLinks}).
   */
  public static void copy(Path srcRoot, Path destRoot, Copy action, HardLinks shared) throws FileActionException {
    run(action, () -> new CopyRunner(srcRoot, destRoot, action, shared).run(), srcRoot, destRoot);
  }

  private interface Body {
    void run() throws IOException;
  }

  private static void run(FileAction action, Body body, Path... roots) throws FileActionException {
    try {
      body.run();
    } catch (IOException e) {
      throw FsErrors.wrap(action, e, roots);
    } catch (IllegalArgumentException e) { // a malformed pattern
      throw new FileActionException(action, e.getMessage(), e);
    }
  }

  private static void mkdir(Path root, Mkdir m) throws IOException {
    Path dir = RootedResolver.resolve(root, m.path());
    if (m.makeParents()) {
      Dirs.mkdirAll(dir, m.mode() & 07777, m.owner(), m.time());
      return;
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return; // like BuildKit: an existing path is not an error, and is left untouched
    }
    if (!Files.isDirectory(CopyRunner.parentWithin(root, dir))) {
      throw new NoSuchFileException(dir.getParent().toString());
    }
    Dirs.mkdirAll(dir, m.mode() & 07777, m.owner(), m.time());
  }

  private static void mkfile(Path root, Mkfile f) throws IOException {
    Path file = RootedResolver.resolve(root, f.path());
    unshare(file);
    Files.write(
        file,
        f.data(),
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    if (f.owner() != null) {
      PosixFiles.lchown(file, f.owner().uid(), f.owner().gid());
    }
    PosixFiles.chmod(file, f.mode() & 07777);
    if (f.time() != null) {
      PosixFiles.setTimes(file, f.time(), f.time());
    }
  }

  /**
   * Gives an existing file that shares its inode with other names (a hard link, maybe into another
   * snapshot) an inode of its own, with the same owner and xattrs, before it is written in place.
   */
  private static void unshare(Path file) throws IOException {
    var st = PosixFiles.lstatIfExists(file);
    if (st.isEmpty() || !st.get().isRegularFile() || st.get().nlink() < 2) return;
    Path fresh = file.resolveSibling(".kiln-unshare-" + file.getFileName());
    Files.deleteIfExists(fresh);
    Files.createFile(fresh);
    PosixFiles.lchown(fresh, st.get().uid(), st.get().gid());
    PosixFiles.chmod(fresh, st.get().perm());
    Metadata.copyXattrs(file, fresh, Metadata.XattrPolicy.BEST_EFFORT);
    Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void rm(Path root, Rm r) throws IOException {
    List<String> paths = r.allowWildcard() ? Wildcards.expand(root, r.path(), false) : List.of(r.path());
    // A wildcard matching nothing removes nothing, as in BuildKit.
    for (String p : paths) {
      if (RootedResolver.clean(p).equals("/")) {
        throw new IOException("refusing to remove the root directory");
      }
      Path host = RootedResolver.resolveNoFollow(root, p);
      if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
        if (r.allowNotFound()) {
          continue;
        }
        throw new NoSuchFileException(host.toString());
      }
      Trees.deleteRecursively(host);
    }
  }
}
