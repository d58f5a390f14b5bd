package dev.kiln.engine.snapshot;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Bytes used by a tree: regular file sizes, a file with several names (hard links, maybe from other
 * snapshots that share its bytes) counted as its share, size / links. Summed over every snapshot
 * that holds a name of it, a shared file is counted once; one snapshot alone frees only its share.
 * One lstat per entry; entries that vanish meanwhile (a RUN step may be deleting files in a cache
 * directory right now) count nothing.
 */
public final class DirectorySize {
  private DirectorySize() {}

  public static long of(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return 0;
    return walk(dir);
  }

  /** The bytes of a regular file that count for one of its names. */
  public static long share(Stat st) {
    return st.nlink() > 1 ? st.size() / st.nlink() : st.size();
  }

  private static long walk(Path dir) {
    long total = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        Optional<Stat> st = PosixFiles.lstatIfExists(e);
        if (st.isEmpty()) continue;
        if (st.get().isDirectory()) total += walk(e);
        else if (st.get().isRegularFile()) total += share(st.get());
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      // gone or unreadable meanwhile: what was counted stands
    }
    return total;
  }
}
