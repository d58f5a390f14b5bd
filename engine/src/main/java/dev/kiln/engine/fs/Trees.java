package dev.kiln.engine.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whole-tree helpers for host paths. {@link #deleteRecursively} is rm -rf; it never follows
 * symlinks (a symlink is removed itself), and a path that does not exist, or entries that vanish
 * meanwhile, are not errors.
 */
public final class Trees {
  private Trees() {}

  /** Whether the directory {@code dir} has no entries; fails when it does not exist. */
  public static boolean isEmptyDirectory(Path dir) throws IOException {
    try (var entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  public static void deleteRecursively(Path p) throws IOException {
    // java.nio, not the engine's lstat: the engine's opening sweeps call this before its syscall
    // handles are linked (a background step links them), and must not wait for that.
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(p);
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) throw e;
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
