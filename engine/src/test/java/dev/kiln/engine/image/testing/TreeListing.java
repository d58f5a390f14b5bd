package dev.kiln.engine.image.testing;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A tree described path by path — type, mode, owner, content digest, link target, device,
 * user xattrs, and which paths are hardlinked together — so two unpackers' results can be
 * compared as text with a readable diff.
 */
public final class TreeListing {
  private TreeListing() {}

  public static Map<String, String> of(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Map<Long, List<String>> inodes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        if (p.equals(root)) continue;
        String rel = "/" + root.relativize(p);
        Stat st = PosixFiles.lstat(p);
        out.put(rel, describe(p, st));
        if (st.isRegularFile() && st.nlink() > 1) {
          inodes.computeIfAbsent(st.ino(), i -> new ArrayList<>()).add(rel);
        }
      }
    }
    for (List<String> group : inodes.values()) {
      List<String> sorted = group.stream().sorted().toList();
      for (String path : sorted) {
        out.put(path, out.get(path) + " links=" + sorted);
      }
    }
    return out;
  }

  private static String describe(Path p, Stat st) throws IOException {
    String common = String.format("mode=%o uid=%d gid=%d", st.perm(), st.uid(), st.gid());
    String xattrs = xattrs(p);
    return switch (st.type()) {
      case Stat.S_IFDIR -> "dir " + common + xattrs;
      case Stat.S_IFREG -> "file " + common + " size=" + st.size() + " " + Digest.of(Files.readAllBytes(p)).hex().substring(0, 16)
          + " mtime=" + st.mtime().getEpochSecond() + xattrs;
      case Stat.S_IFLNK -> "symlink -> " + Files.readSymbolicLink(p) + " uid=" + st.uid() + " gid=" + st.gid();
      case Stat.S_IFCHR -> "char " + Stat.major(st.rdev()) + ":" + Stat.minor(st.rdev()) + " " + common;
      case Stat.S_IFBLK -> "block " + Stat.major(st.rdev()) + ":" + Stat.minor(st.rdev()) + " " + common;
      case Stat.S_IFIFO -> "fifo " + common;
      default -> "other " + Integer.toOctalString(st.type()) + " " + common;
    };
  }

  private static String xattrs(Path p) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String name : Xattrs.list(p).stream().filter(n -> n.startsWith("user.")).sorted().toList()) {
      b.append(' ').append(name).append('=').append(new String(Xattrs.get(p, name).orElseThrow(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }
}
