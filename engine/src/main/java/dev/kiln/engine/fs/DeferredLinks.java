package dev.kiln.engine.fs;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hard links into a tree that is written through a mount (an overlay), where {@code link(2)} from
 * a directory outside it fails. The links are made later, in the directory that really holds the
 * mount's new files (the overlay's upper dir), once it is unmounted: overlayfs forbids changing
 * that directory under a live mount. Meanwhile a file in a directory that existed before the copy
 * is created empty through the mount, so the overlay records it like any new file (copying its
 * directories up, covering a lower file of that name) and the copy sees it; {@link #finish}
 * replaces only placeholders still in place: one removed or replaced meanwhile keeps what
 * replaced it. A file in a directory the copy created itself needs no placeholder: that directory
 * is new in the upper dir (nothing below shows through it) and nothing else takes the name, so
 * only the link is made, one {@code link(2)} per file. Not thread-safe.
 */
public final class DeferredLinks implements HardLinks {
  /** No placeholder holds the name: the link is made where nothing is. */
  private static final long NO_PLACEHOLDER = -1;

  private record Pending(String rel, Path src, long placeholderIno) {}

  private final Path mountRoot;
  private final Path realRoot;
  // By name: a name given twice (several sources) ends as the last gave it, even when its first
  // placeholder's inode number was reused by the second.
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private Path lastNewDir; // the last directory seen in the real root, checked once per directory

  /**
   * @param mountRoot the root of the mounted tree the copy writes to
   * @param realRoot the directory where the mount's new files land (read only while mounted)
   */
  public DeferredLinks(Path mountRoot, Path realRoot) {
    this.mountRoot = mountRoot;
    this.realRoot = realRoot;
  }

  @Override
  public boolean link(Path src, Stat st, Path target) throws IOException {
    if (st.nlink() >= MAX_LINKS) return false; // finish could not copy it instead
    PosixFiles.mknod(target, Stat.S_IFREG | 0600, 0); // an empty file in one call
    String rel = mountRoot.relativize(target).toString();
    Optional<Stat> placed = PosixFiles.lstatIfExists(realRoot.resolve(rel));
    if (placed.isEmpty()) { // not where the new files were expected: copy after all
      Files.delete(target);
      return false;
    }
    pending.put(rel, new Pending(rel, src, placed.get().ino()));
    return true;
  }

  @Override
  public boolean linkInNewDirectory(Path src, Stat st, Path target) throws IOException {
    if (st.nlink() >= MAX_LINKS) return false;
    Path dir = target.getParent();
    if (!dir.equals(lastNewDir)) {
      // The copy made the directory through the mount: it must be in the real root, else the
      // target is not where the new files land (a mount below the root) and needs the long way.
      if (!Files.isDirectory(realRoot.resolve(mountRoot.relativize(dir)), LinkOption.NOFOLLOW_LINKS)) {
        return link(src, st, target);
      }
      lastNewDir = dir;
    }
    String rel = mountRoot.relativize(target).toString();
    pending.put(rel, new Pending(rel, src, NO_PLACEHOLDER));
    return true;
  }

  /**
   * Once the tree is unmounted: makes each link (a placeholder becomes one), keeping its
   * directory's times.
   */
  public void finish() throws IOException {
    Map<Path, Stat> dirTimes = new LinkedHashMap<>();
    for (Pending p : pending.values()) {
      Path file = realRoot.resolve(p.rel());
      Path dir = file.getParent();
      if (p.placeholderIno() == NO_PLACEHOLDER) {
        keepTimes(dirTimes, dir);
        try {
          Files.createLink(file, p.src());
        } catch (FileAlreadyExistsException e) {
          // made after the copy gave the name to this file: what is there now stays
        }
        continue;
      }
      Optional<Stat> now = PosixFiles.lstatIfExists(file);
      if (now.isEmpty() || now.get().ino() != p.placeholderIno() || now.get().size() != 0) {
        continue; // removed or replaced by a later action: what is there now stays
      }
      keepTimes(dirTimes, dir);
      Files.delete(file);
      Files.createLink(file, p.src());
    }
    for (var d : dirTimes.entrySet()) PosixFiles.setTimes(d.getKey(), d.getValue().atime(), d.getValue().mtime());
    pending.clear();
  }

  private static void keepTimes(Map<Path, Stat> dirTimes, Path dir) throws IOException {
    if (!dirTimes.containsKey(dir)) dirTimes.put(dir, PosixFiles.lstat(dir));
  }

  /** Whether any file waits for {@link #finish}. */
  public boolean isEmpty() {
    return pending.isEmpty();
  }
}
