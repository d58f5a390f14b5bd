package dev.kiln.engine.ops;

import dev.kiln.engine.fs.Copy;
import dev.kiln.engine.fs.FileActions;
import dev.kiln.engine.fs.RootedResolver;
import dev.kiln.engine.fs.Rm;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A merge op: the inputs applied in order like layers — each input's recorded deletions (a diff's
 * removals) first, then its tree, replacing what earlier inputs have at the same path. Built as a
 * new snapshot holding copies, which works with every snapshot driver. Deletions no later input
 * re-created stay recorded on the result, so merging or exporting it deletes them too.
 */
final class MergeOpRunner implements dev.kiln.solver.Op {
  private final Op op;
  private final SnapshotRefs refs;

  MergeOpRunner(Op op, SnapshotRefs refs) {
    this.op = op;
    this.refs = refs;
  }

  @Override
  public CacheMap cacheMap(OpContext ctx) {
    return CacheMap.of(CacheMaps.digest("kiln.merge.v0", op.getMerge()), op.getInputsCount());
  }

  @Override
  public List<Result> exec(OpContext ctx, List<Result> inputs) throws Exception {
    return List.of(refs.buildWithDeletions(null, target -> {
      Set<String> deleted = new TreeSet<>();
      for (var in : op.getMerge().getInputsList()) {
        String snapshot = SnapshotRefs.snapshotId(inputs.get((int) in.getInput()));
        List<String> removals = refs.store().deletions(snapshot);
        try (MountedTree source = refs.view(snapshot)) {
          ctx.heavy(() -> {
            for (String path : removals) FileActions.apply(target, new Rm("/" + path, true, false));
            FileActions.copy(source.root(), target, layer());
            return null;
          });
        }
        deleted.addAll(removals);
      }
      deleted.removeIf(path -> exists(target, path));
      return List.copyOf(deleted);
    }));
  }

  private static boolean exists(Path root, String path) {
    try {
      return Files.exists(RootedResolver.resolveNoFollow(root, "/" + path), LinkOption.NOFOLLOW_LINKS);
    } catch (java.io.IOException e) {
      return false; // a parent is no longer a directory: the path cannot exist
    }
  }

  /** Everything of one input, metadata kept, replacing entries of another type. */
  static Copy layer() {
    return new Copy("/", "/", null, null, false, true, false, false, false, false, null, List.of(), List.of(), true);
  }
}
