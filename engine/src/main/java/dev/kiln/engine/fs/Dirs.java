package dev.kiln.engine.fs;

import dev.kiln.engine.sys.PosixFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** mkdir -p for a host path already resolved inside a root (no symlinks left in it). */
final class Dirs {
  private Dirs() {}

  /**
   * Creates the missing directories of {@code dir} with {@code mode}, and gives only those the
   * owner and time when non-null; existing ones are left alone.
   *
   * @return the directories created, outermost first
   */
  static List<Path> mkdirAll(Path dir, int mode, Owner owner, Instant time) throws IOException {
    List<Path> missing = new ArrayList<>();
    Path p = dir;
    while (p != null && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotDirectoryException(p.toString());
      }
      missing.addFirst(p);
      p = p.getParent();
    }
    for (Path m : missing) {
      Files.createDirectory(m);
      PosixFiles.chmod(m, mode);
      if (owner != null) {
        PosixFiles.lchown(m, owner.uid(), owner.gid());
      }
    }
    // Only now: creating a child directory would move its parent's mtime again.
    if (time != null) {
      for (Path m : missing) {
        PosixFiles.setTimes(m, time, time);
      }
    }
    return missing;
  }
}
