package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.fs.Contents;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes between two full trees (the copy driver, or any snapshot against its parent's
 * view): new and changed paths, deleted ones as whiteouts, and the directories on the way to a
 * change so their metadata is carried too. Entries come in sorted walk order, parents first.
 */
public final class TreeChanges {
  private TreeChanges() {}

  /** {@code lower} null: everything in {@code upper} is new. */
  public static List<Change> of(Path lower, Path upper) throws IOException {
    List<Change> out = new ArrayList<>();
    walk(lower, upper, "", out);
    return out;
  }

  private static void walk(Path lower, Path upper, String prefix, List<Change> out) throws IOException {
    Set<String> names = new TreeSet<>(OverlayChanges.sortedNames(upper));
    Set<String> lowerNames = lower == null ? Set.of() : Set.copyOf(OverlayChanges.sortedNames(lower));
    names.addAll(lowerNames);
    for (String name : sorted(names)) {
      String rel = prefix + name;
      Path u = upper.resolve(name);
      Path l = lower == null || !lowerNames.contains(name) ? null : lower.resolve(name);
      if (!Files.exists(u, LinkOption.NOFOLLOW_LINKS)) {
        out.add(new Change.Delete(rel));
        continue;
      }
      Stat su = PosixFiles.lstat(u);
      Stat sl = l == null ? null : PosixFiles.lstat(l);
      if (su.isDirectory()) {
        boolean sameDir = sl != null && sl.isDirectory();
        List<Change> sub = new ArrayList<>();
        walk(sameDir ? l : null, u, rel + "/", sub);
        if (!sameDir || !sub.isEmpty() || !sameMeta(su, sl, u, l)) out.add(new Change.Add(rel, u, su));
        out.addAll(sub);
      } else if (sl == null || differs(su, sl, u, l)) {
        out.add(new Change.Add(rel, u, su));
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    String[] a = names.toArray(String[]::new);
    Arrays.sort(a, (x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
        y.getBytes(StandardCharsets.UTF_8)));
    return List.of(a);
  }

  private static boolean sameMeta(Stat a, Stat b, Path pa, Path pb) throws IOException {
    return a.mode() == b.mode() && a.uid() == b.uid() && a.gid() == b.gid()
        && Objects.equals(Xattrs.list(pa).stream().sorted().toList(), Xattrs.list(pb).stream().sorted().toList());
  }

  private static boolean differs(Stat su, Stat sl, Path u, Path l) throws IOException {
    if (!sameMeta(su, sl, u, l) || su.size() != sl.size()) return true;
    if (su.isSymlink()) return !Files.readSymbolicLink(u).equals(Files.readSymbolicLink(l));
    if (!su.isRegularFile()) return su.rdev() != sl.rdev();
    if (!su.mtime().equals(sl.mtime())) return true;
    if (su.ino() == sl.ino() && su.dev() == sl.dev()) return false;
    return !Contents.equal(u, l);
  }
}
