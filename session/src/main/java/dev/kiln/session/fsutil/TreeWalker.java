package dev.kiln.session.fsutil;

import dev.kiln.proto.fsutil.Stat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists a directory the way fsutil's sender does: depth first, entries of a directory in byte-wise
 * name order, each directory before its contents; the second path of a hard-linked file becomes a
 * link to the first.
 */
final class TreeWalker {
  /** One entry to send: its wire stat and where its bytes are. */
  record Entry(Stat stat, Path file) {}

  private record Inode(Object dev, Object ino) {}

  private final Path root;
  private final PathFilter filter;
  private final boolean rootOwned;
  private final Map<Inode, String> seenInodes = new HashMap<>();

  private TreeWalker(Path root, PathFilter filter, boolean rootOwned) {
    this.root = root;
    this.filter = filter;
    this.rootOwned = rootOwned;
  }

  /** @param rootOwned send uid/gid 0 for everything, as buildctl does for local dirs */
  static List<Entry> walk(Path root, PathFilter filter, boolean rootOwned) throws IOException {
    List<Entry> out = new ArrayList<>();
    new TreeWalker(root, filter, rootOwned).walkDir(root, "", out);
    return out;
  }

  private void walkDir(Path dir, String prefix, List<Entry> out) throws IOException {
    for (Path child : sortedChildren(dir)) {
      String rel = prefix + child.getFileName().toString();
      Entry entry = entry(child, rel);
      if (FileMode.isDir(entry.stat().getMode())) {
        if (!filter.mayContain(rel) && !filter.accepts(rel)) {
          continue;
        }
        List<Entry> below = new ArrayList<>();
        walkDir(child, rel + "/", below);
        if (!below.isEmpty() || filter.accepts(rel)) {
          out.add(entry);
          out.addAll(below);
        }
      } else if (filter.accepts(rel)) {
        out.add(linkIfSeen(entry, child));
      }
    }
  }

  private static List<Path> sortedChildren(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort((a, b) -> Arrays.compareUnsigned(name(a), name(b)));
    return children;
  }

  private static byte[] name(Path p) {
    return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
  }

  private Entry entry(Path file, String rel) throws IOException {
    return new Entry(FileStats.stat(file, rel, rootOwned), file);
  }

  private Entry linkIfSeen(Entry entry, Path file) throws IOException {
    if (!FileMode.isRegular(entry.stat().getMode())) {
      return entry;
    }
    Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,nlink", LinkOption.NOFOLLOW_LINKS);
    if ((Integer) a.get("nlink") < 2) {
      return entry;
    }
    String first = seenInodes.putIfAbsent(new Inode(a.get("dev"), a.get("ino")), entry.stat().getPath());
    if (first == null) {
      return entry;
    }
    return new Entry(entry.stat().toBuilder().setLinkname(first).setSize(0).build(), null);
  }
}
