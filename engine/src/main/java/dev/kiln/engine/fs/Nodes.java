package dev.kiln.engine.fs;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Creates one non-directory entry like its source; the target must not exist. */
final class Nodes {
  private Nodes() {}

  static void create(Stat st, Path src, Path target) throws IOException {
    switch (st.type()) {
      // Files.copy uses copy_file_range (or a reflink) on Linux: no bytes through the JVM.
      case Stat.S_IFREG -> Files.copy(src, target, LinkOption.NOFOLLOW_LINKS);
      case Stat.S_IFLNK -> Files.createSymbolicLink(target, Files.readSymbolicLink(src));
      case Stat.S_IFCHR, Stat.S_IFBLK, Stat.S_IFIFO, Stat.S_IFSOCK ->
          PosixFiles.mknod(target, st.type() | (st.perm() & 0777), st.rdev());
      default ->
          throw new IOException("unsupported file type 0" + Integer.toOctalString(st.type()) + ": " + src);
    }
  }
}
