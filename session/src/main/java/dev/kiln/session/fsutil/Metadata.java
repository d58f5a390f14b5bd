package dev.kiln.session.fsutil;

import dev.kiln.proto.fsutil.Stat;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Applies a received entry's mode, owner and modification time. */
final class Metadata {
  private Metadata() {}

  static void apply(Path path, Stat stat, boolean keepOwners) throws IOException {
    boolean symlink = FileMode.isSymlink(stat.getMode());
    if (keepOwners) {
      Files.setAttribute(path, "unix:uid", stat.getUid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", stat.getGid(), LinkOption.NOFOLLOW_LINKS);
    }
    if (!symlink) {
      Files.setAttribute(path, "unix:mode", FileMode.toUnixPermissions(stat.getMode()));
    }
    FileTime mtime = FileTime.from(Instant.ofEpochSecond(0, stat.getModTime()));
    try {
      Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, null, null);
    } catch (IOException | UnsupportedOperationException e) {
      if (!symlink) throw e; // a symlink's own time is cosmetic
    }
  }

  static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
