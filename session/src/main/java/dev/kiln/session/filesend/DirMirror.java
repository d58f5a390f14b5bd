package dev.kiln.session.filesend;

import dev.kiln.session.fsutil.DiffCopyReceiver;
import dev.kiln.session.fsutil.PacketChannel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code type=local,mode=delete}: the directory ends up holding exactly the result. As BuildKit's
 * client does, the result is first received into a staging directory (next to the destination, so
 * entries move in by rename), then the destination is reconciled: what the result lacks (or has as
 * another kind of entry) is removed, and the result's entries move in. A failed transfer leaves the
 * destination untouched.
 */
final class DirMirror {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private DirMirror() {}

  static void receive(Path dest, PacketChannel channel) throws IOException {
    Path absolute = dest.toAbsolutePath().normalize();
    Path stage = Files.createTempDirectory(Files.createDirectories(absolute.getParent()), ".kiln-output-");
    try {
      new DiffCopyReceiver(stage, false).receive(channel);
      Files.createDirectories(absolute);
      removeStale(stage, absolute);
      moveIn(stage, absolute);
    } finally {
      deleteTree(stage);
    }
  }

  /** Removes each entry of {@code dest} that {@code stage} lacks or holds as another kind (directory or not). */
  private static void removeStale(Path stage, Path dest) throws IOException {
    for (Path entry : children(dest)) {
      Path wanted = stage.resolve(entry.getFileName().toString());
      boolean isDir = Files.isDirectory(entry, NOFOLLOW);
      if (!Files.exists(wanted, NOFOLLOW) || isDir != Files.isDirectory(wanted, NOFOLLOW)) {
        deleteTree(entry);
      } else if (isDir) {
        removeStale(wanted, entry);
      }
    }
  }

  /** Moves the staged entries into {@code dest}; a directory both have is merged and takes the staged metadata. */
  private static void moveIn(Path stage, Path dest) throws IOException {
    for (Path entry : children(stage)) {
      Path target = dest.resolve(entry.getFileName().toString());
      if (Files.isDirectory(entry, NOFOLLOW) && Files.isDirectory(target, NOFOLLOW)) {
        moveIn(entry, target);
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(entry, NOFOLLOW));
        Files.setLastModifiedTime(target, Files.getLastModifiedTime(entry, NOFOLLOW));
      } else {
        // rename(2) replaces a file in place; removeStale left no directory in its way
        Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private static List<Path> children(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(out::add);
    }
    return out;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, NOFOLLOW)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
