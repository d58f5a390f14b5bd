package dev.kiln.engine.ops;

import dev.kiln.engine.fs.Copy;
import dev.kiln.engine.fs.FileActions;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.util.List;

/**
 * A merge op: the inputs' trees layered in order, later ones replacing what earlier ones have at
 * the same path. Built as a new snapshot holding copies, which works with every snapshot driver.
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
    return List.of(refs.build(null, target -> {
      for (var in : op.getMerge().getInputsList()) {
        String snapshot = SnapshotRefs.snapshotId(inputs.get((int) in.getInput()));
        try (MountedTree source = refs.view(snapshot)) {
          ctx.heavy(() -> {
            FileActions.copy(source.root(), target, layer());
            return null;
          });
        }
      }
    }));
  }

  /** Everything of one input, metadata kept, replacing entries of another type. */
  static Copy layer() {
    return new Copy("/", "/", null, null, false, true, false, false, false, false, null, List.of(), List.of(), true);
  }
}
