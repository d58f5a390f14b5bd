package dev.kiln.engine.ops;

import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.util.List;

/**
 * A diff op: what {@code upper} adds or changes relative to {@code lower}, as a tree of its own.
 * Deletions are not represented in the tree (they matter only when a diff is exported as a layer).
 */
final class DiffOpRunner implements dev.kiln.solver.Op {
  private final Op op;
  private final SnapshotRefs refs;

  DiffOpRunner(Op op, SnapshotRefs refs) {
    this.op = op;
    this.refs = refs;
  }

  @Override
  public CacheMap cacheMap(OpContext ctx) {
    return CacheMap.of(CacheMaps.digest("kiln.diff.v0", op.getDiff()), op.getInputsCount());
  }

  @Override
  public List<Result> exec(OpContext ctx, List<Result> inputs) throws Exception {
    long lower = op.getDiff().getLower().getInput();
    long upper = op.getDiff().getUpper().getInput();
    if (lower < 0 && upper >= 0) {
      return List.of(inputs.get((int) upper).clone());
    }
    if (upper < 0) {
      return List.of(refs.build(null, target -> {}));
    }
    return List.of(refs.build(null, target -> {
      try (MountedTree up = refs.view(SnapshotRefs.snapshotId(inputs.get((int) upper)));
          MountedTree low = refs.view(SnapshotRefs.snapshotId(inputs.get((int) lower)))) {
        ctx.heavy(() -> {
          TreeDiff.copyChanges(low.root(), up.root(), target);
          return null;
        });
      }
    }));
  }
}
