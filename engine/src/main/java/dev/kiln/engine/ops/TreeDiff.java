package dev.kiln.engine.ops;

import dev.kiln.engine.fs.Contents;
import dev.kiln.engine.fs.Copy;
import dev.kiln.engine.fs.FileActions;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Copies the entries of {@code upper} that are new or different from {@code lower}. */
final class TreeDiff {
  private TreeDiff() {}

  static void copyChanges(Path lower, Path upper, Path target) throws IOException {
    Files.walkFileTree(upper, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (dir.equals(upper)) return FileVisitResult.CONTINUE;
        Path other = lower.resolve(upper.relativize(dir).toString());
        if (!Files.isDirectory(other, LinkOption.NOFOLLOW_LINKS)) {
          copy(upper, target, dir);
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path other = lower.resolve(upper.relativize(file).toString());
        if (differs(file, other)) copy(upper, target, file);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void copy(Path upper, Path target, Path entry) throws IOException {
    String rel = "/" + upper.relativize(entry);
    FileActions.copy(upper, target, new Copy(rel, rel, null, null, false, false, false, true, false, false, null,
        List.of(), List.of(), true));
  }

  private static boolean differs(Path a, Path b) throws IOException {
    if (!Files.exists(b, LinkOption.NOFOLLOW_LINKS)) return true;
    Stat sa = PosixFiles.lstat(a);
    Stat sb = PosixFiles.lstat(b);
    if (sa.mode() != sb.mode() || sa.uid() != sb.uid() || sa.gid() != sb.gid() || sa.size() != sb.size()) return true;
    if (Files.isSymbolicLink(a)) return !Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
    if (!Files.isRegularFile(a, LinkOption.NOFOLLOW_LINKS)) return sa.rdev() != sb.rdev();
    if (sa.mtime().equals(sb.mtime()) && sa.ino() == sb.ino() && sa.dev() == sb.dev()) return false;
    return !Contents.equal(a, b);
  }
}
