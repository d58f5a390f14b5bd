package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The changes of an overlay upper directory: everything in it is added or changed, a character
 * device 0/0 is a deletion and a directory marked {@code trusted.overlay.opaque=y} hides its lower
 * contents. Entries come in sorted walk order, parents first.
 */
final class OverlayChanges {
  private static final String OPAQUE = "trusted.overlay.opaque";

  private OverlayChanges() {}

  static List<Change> of(Path upper) throws IOException {
    List<Change> out = new ArrayList<>();
    walk(upper, "", out);
    return out;
  }

  private static void walk(Path dir, String prefix, List<Change> out) throws IOException {
    for (String name : sortedNames(dir)) {
      Path child = dir.resolve(name);
      String rel = prefix + name;
      Stat st = PosixFiles.lstat(child);
      if (st.type() == Stat.S_IFCHR && st.rdev() == 0) {
        out.add(new Change.Delete(rel));
      } else if (st.isDirectory()) {
        out.add(new Change.Add(rel, child, st));
        if (isOpaque(child)) out.add(new Change.Opaque(rel));
        walk(child, rel + "/", out);
      } else {
        out.add(new Change.Add(rel, child, st));
      }
    }
  }

  private static boolean isOpaque(Path dir) throws IOException {
    Optional<byte[]> v = Xattrs.get(dir, OPAQUE);
    return v.isPresent() && new String(v.get(), StandardCharsets.UTF_8).equals("y");
  }

  /** Names sorted by their bytes, so the order does not depend on the directory's. */
  static List<String> sortedNames(Path dir) throws IOException {
    String[] names = dir.toFile().list();
    if (names == null) throw new IOException("cannot list " + dir);
    Arrays.sort(names, OverlayChanges::compareBytes);
    return List.of(names);
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
