package dev.kiln.engine.ops;

import dev.kiln.engine.exporter.layer.Change;
import dev.kiln.engine.exporter.layer.TreeChanges;
import dev.kiln.engine.fs.TreeCopier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What turns {@code lower} into {@code upper}, computed by the same comparison that writes layers:
 * new and changed entries (with the directories on the way to them) are copied into a tree, and
 * removed paths are returned, to be recorded as the snapshot's deletions. So merging the result
 * onto {@code lower} gives {@code upper} (BuildKit's {@code Merge(A, Diff(A, B)) == B}).
 */
final class TreeDiff {
  private TreeDiff() {}

  /** {@code upper} may be {@code target} itself while it is still empty: everything is deleted. */
  static List<String> write(Path lower, Path upper, Path target) throws IOException {
    List<String> added = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (Change c : TreeChanges.of(lower, upper)) {
      switch (c) {
        case Change.Add a -> added.add(a.name());
        case Change.Delete d -> deleted.add(d.name());
        case Change.Opaque o -> throw new IllegalStateException("tree comparison made an opaque dir: " + o.name());
      }
    }
    if (!upper.equals(target)) new TreeCopier().copyEntries(upper, target, added);
    return deleted;
  }
}
