package dev.kiln.engine.fs;

import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets a copy give a destination regular file its source's inode (a hard link) instead of a copy
 * of its bytes. A link shares data, owner, mode, times and xattrs, so it is only right when the
 * source tree is immutable (a committed snapshot), nothing ever writes the destination's files in
 * place (overlayfs copies a lower file up before writing it; {@link FileActions} replaces a
 * shared file before writing it) and the copy would give the file exactly its source's metadata.
 * Called on the copy's walker thread only.
 */
@FunctionalInterface
public interface HardLinks {
  /** Every file is copied. */
  HardLinks NONE = (src, st, target) -> false;

  /**
   * Makes {@code target} (which does not exist; its parent does) share {@code src}'s inode, or
   * returns false to have the bytes copied.
   *
   * @param st {@code src}'s lstat, a regular file
   */
  boolean link(Path src, Stat st, Path target) throws IOException;

  /**
   * Like {@link #link}, for a target whose parent directory this copy created and that is the
   * only name the copy gives that path (one source): nothing was or will be at it but this file,
   * so an implementation may make the link later without holding the name meanwhile.
   */
  default boolean linkInNewDirectory(Path src, Stat st, Path target) throws IOException {
    return link(src, st, target);
  }

  /** Links {@code target} to {@code src} itself; a source on another filesystem is copied. */
  static HardLinks direct() {
    return (src, st, target) -> linkOrFalse(target, src);
  }

  /**
   * A file may get another name only well below ext4's limit of 65,000 links per inode; beyond,
   * it is copied (a file shared by thousands of snapshots no collection has removed).
   */
  int MAX_LINKS = 60_000;

  /**
   * {@code link(2)}; false when the two paths are on different filesystems or mounts (EXDEV) or
   * the file has too many names already (EMLINK).
   */
  static boolean linkOrFalse(Path target, Path existing) throws IOException {
    try {
      Files.createLink(target, existing);
      return true;
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "" : e.getReason();
      if (reason.contains("cross-device") || reason.contains("Too many links")) return false;
      throw e;
    }
  }

  /**
   * {@code links} for the files {@code copy} leaves as they are: no owner, mode or time of its
   * own that differs from the source file's (a link cannot have metadata of its own).
   */
  static HardLinks whenMetadataKept(Copy copy, HardLinks links) {
    if (links == NONE || copy.attemptUnpack()) return NONE;
    return new HardLinks() {
      @Override
      public boolean link(Path src, Stat st, Path target) throws IOException {
        return keepsMetadata(copy, st) && links.link(src, st, target);
      }

      @Override
      public boolean linkInNewDirectory(Path src, Stat st, Path target) throws IOException {
        return keepsMetadata(copy, st) && links.linkInNewDirectory(src, st, target);
      }
    };
  }

  private static boolean keepsMetadata(Copy copy, Stat st) {
    if (copy.owner() != null && (copy.owner().uid() != st.uid() || copy.owner().gid() != st.gid())) return false;
    if (copy.mode() != null && (copy.mode() & 0777) != (st.perm() & 0777)) return false;
    return copy.time() == null || (copy.time().equals(st.mtime()) && copy.time().equals(st.atime()));
  }
}
