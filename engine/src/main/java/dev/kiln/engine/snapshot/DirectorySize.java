package dev.kiln.engine.snapshot;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Bytes used by a tree: regular file sizes, a file with several names (hard links, maybe from other
 * snapshots that share its bytes) counted as its share, size / links. Summed over every snapshot
 * that holds a name of it, a shared file is counted once; one snapshot alone frees only its share.
 */
public final class DirectorySize {
  private DirectorySize() {}

  public static long of(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) total[0] += share(file, attrs.size());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // a RUN step may be deleting files in a cache directory right now
      }
    });
    return total[0];
  }

  /** The bytes of a regular file that count for one of its names. */
  public static long share(Stat st) {
    return st.nlink() > 1 ? st.size() / st.nlink() : st.size();
  }

  private static long share(Path file, long size) {
    if (size == 0) return 0;
    try {
      return share(PosixFiles.lstat(file));
    } catch (IOException e) {
      return size; // gone meanwhile (see visitFileFailed)
    }
  }
}
