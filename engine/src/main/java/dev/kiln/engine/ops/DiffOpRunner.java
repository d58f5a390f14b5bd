package dev.kiln.engine.ops;

import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.util.List;

/**
 * A diff op: what {@code upper} adds, changes and removes relative to {@code lower}. Mounted, the
 * result shows the added and changed entries; its removals are recorded with the snapshot, so a
 * merge onto another tree deletes them and an exported layer carries them as whiteouts.
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
    if (lower < 0) { // a diff from scratch is the upper itself
      return List.of(upper < 0 ? refs.build(null, target -> {}) : inputs.get((int) upper).clone());
    }
    return List.of(refs.buildWithDeletions(null, target -> {
      try (MountedTree low = refs.view(SnapshotRefs.snapshotId(inputs.get((int) lower)));
          MountedTree up = upper < 0 ? null : refs.view(SnapshotRefs.snapshotId(inputs.get((int) upper)))) {
        // Upper scratch: compare with the still-empty target, so everything of lower is removed.
        return ctx.heavy(() -> TreeDiff.write(low.root(), up == null ? target : up.root(), target));
      }
    }));
  }
}
