package dev.kiln.engine.snapshot;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Bytes used by a tree (regular file sizes; hardlinked files counted once per link). */
public final class DirectorySize {
  private DirectorySize() {}

  public static long of(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) total[0] += attrs.size();
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // a RUN step may be deleting files in a cache directory right now
      }
    });
    return total[0];
  }
}
