package dev.kiln.session.fsutil;

import dev.kiln.proto.fsutil.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Incremental receive into an earlier copy: a file is taken as unchanged when its type, permissions,
 * size and modification time (to the nanosecond) — and owner, when owners are applied — match what
 * the sender reports, as BuildKit's metadata differ does; entries the sender no longer lists are
 * removed.
 */
final class Unchanged {
  private Unchanged() {}

  /** @param owners whether the sent uid/gid must match too (they are applied) */
  static boolean test(Path path, Stat stat, boolean owners) throws IOException {
    try {
      var a = Files.readAttributes(path, "unix:mode,size,lastModifiedTime,uid,gid", LinkOption.NOFOLLOW_LINKS);
      var time = ((FileTime) a.get("lastModifiedTime")).toInstant();
      long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
      return FileMode.fromUnix((Integer) a.get("mode")) == stat.getMode()
          && (Long) a.get("size") == stat.getSize()
          && nanos == stat.getModTime()
          && (!owners || ((Integer) a.get("uid") == stat.getUid() && (Integer) a.get("gid") == stat.getGid()));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Deletes what is under {@code root} but not in {@code stats}, deepest first. */
  static void prune(Path root, List<Stat> stats) throws IOException {
    Set<String> keep = new HashSet<>();
    stats.forEach(s -> keep.add(s.getPath()));
    List<Path> extra;
    try (Stream<Path> walk = Files.walk(root)) {
      extra = walk.filter(p -> !p.equals(root))
          .filter(p -> !keep.contains(root.relativize(p).toString()))
          .sorted(Comparator.reverseOrder())
          .toList();
    }
    for (Path p : extra) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Metadata.deleteTree(p);
      } else {
        Files.deleteIfExists(p);
      }
    }
  }
}
