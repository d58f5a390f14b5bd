package dev.kiln.engine.exporter.layer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The sorted walk order of a layer's entries: by path component bytes, parents first. */
final class ChangeOrder {
  private ChangeOrder() {}

  /**
   * {@code changes} (already in walk order) with whiteouts for {@code deleted} paths a snapshot
   * recorded (a diff's removals), each in its place in the walk.
   */
  static List<Change> withDeletions(List<Change> changes, List<String> deleted) {
    if (deleted.isEmpty()) return changes;
    Set<String> present = new HashSet<>();
    for (Change c : changes) present.add(c.name());
    List<Change> all = new ArrayList<>(changes);
    for (String d : deleted) if (!present.contains(d)) all.add(new Change.Delete(d));
    all.sort(Comparator.comparing(Change::name, ChangeOrder::compare)); // stable: an opaque marker stays after its dir
    return all;
  }

  private static int compare(String a, String b) {
    String[] pa = a.split("/");
    String[] pb = b.split("/");
    for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
      int c = Arrays.compareUnsigned(pa[i].getBytes(StandardCharsets.UTF_8), pb[i].getBytes(StandardCharsets.UTF_8));
      if (c != 0) return c;
    }
    return Integer.compare(pa.length, pb.length);
  }
}
