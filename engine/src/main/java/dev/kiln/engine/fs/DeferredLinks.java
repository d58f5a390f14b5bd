package dev.kiln.engine.fs;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hard links into a tree that is written through a mount (an overlay), where {@code link(2)} from
 * a directory outside it fails: each file is created empty through the mount — so the overlay
 * records it, with its directories, like any new file — and becomes a link to its source later,
 * in the directory that really holds the mount's new files (the overlay's upper dir), once it is
 * unmounted. {@link #finish} replaces only placeholders still in place: one removed or replaced
 * meanwhile keeps what replaced it. Not thread-safe.
 */
public final class DeferredLinks implements HardLinks {
  private record Pending(String rel, Path src, long placeholderIno) {}

  private final Path mountRoot;
  private final Path realRoot;
  private final List<Pending> pending = new ArrayList<>();

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
    pending.add(new Pending(rel, src, placed.get().ino()));
    return true;
  }

  /**
   * Once the tree is unmounted: turns each placeholder into a link to its source, keeping its
   * directory's times.
   */
  public void finish() throws IOException {
    Map<Path, Stat> dirTimes = new LinkedHashMap<>();
    for (Pending p : pending) {
      Path file = realRoot.resolve(p.rel());
      Optional<Stat> now = PosixFiles.lstatIfExists(file);
      if (now.isEmpty() || now.get().ino() != p.placeholderIno() || now.get().size() != 0) {
        continue; // removed or replaced by a later action: what is there now stays
      }
      Path dir = file.getParent();
      if (!dirTimes.containsKey(dir)) dirTimes.put(dir, PosixFiles.lstat(dir));
      Files.delete(file);
      Files.createLink(file, p.src());
    }
    for (var d : dirTimes.entrySet()) PosixFiles.setTimes(d.getKey(), d.getValue().atime(), d.getValue().mtime());
    pending.clear();
  }

  /** Whether any file waits for {@link #finish}. */
  public boolean isEmpty() {
    return pending.isEmpty();
  }
}
