package dev.kiln.engine.ops;

import dev.kiln.engine.cache.contenthash.ImmutableChecksums;
import dev.kiln.engine.fs.Copy;
import dev.kiln.engine.fs.FileActions;
import dev.kiln.engine.fs.HardLinks;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.FileAction;
import dev.kiln.proto.pb.FileOp;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * A file op: a chain of mkdir/mkfile/rm/copy actions producing one snapshot. A copy's source input
 * enters the cache key by the content of the copied paths, every other input by its key.
 */
final class FileOpRunner implements dev.kiln.solver.Op {
  private final FileOp op;
  private final int inputs;
  private final SnapshotRefs refs;
  private final ImmutableChecksums checksums;

  FileOpRunner(Op op, SnapshotRefs refs, ImmutableChecksums checksums) {
    this.op = op.getFile();
    this.inputs = op.getInputsCount();
    this.refs = refs;
    this.checksums = checksums;
  }

  @Override
  public CacheMap cacheMap(OpContext ctx) {
    List<CacheMap.Dep> deps = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      CopySources sources = CopySources.of(op.getActionsList(), i);
      deps.add(sources.isEmpty() ? CacheMap.Dep.whole()
          : CacheMap.Dep.content(sources.selector(), sources.digester(refs, checksums)));
    }
    return new CacheMap(CacheMaps.digest("kiln.file.v0", op), deps);
  }

  @Override
  public List<Result> exec(OpContext ctx, List<Result> inputResults) throws Exception {
    try (FileOpWorkspace ws = new FileOpWorkspace(refs, inputResults, op.getActionsList())) {
      List<FileAction> actions = op.getActionsList();
      for (int i = 0; i < actions.size(); i++) {
        FileAction a = actions.get(i);
        int index = i;
        ctx.heavy(() -> {
          apply(ws, index, a);
          return null;
        });
      }
      return List.of(refs.result(ws.commitLast()));
    }
  }

  private static void apply(FileOpWorkspace ws, int index, FileAction a) throws Exception {
    var target = ws.begin(index, a.getInput());
    var action = FileActionTranslator.translate(a, ws::rootOf);
    if (action instanceof Copy copy) {
      java.nio.file.Path src = ws.rootOf(a.getSecondaryInput());
      if (src == null) {
        throw new java.io.IOException(copy.describe() + ": the copy source is empty (scratch)");
      }
      FileActions.copy(src, target, copy,
          HardLinks.whenMetadataKept(copy, ws.linksFor(index, a.getSecondaryInput())));
    } else {
      FileActions.apply(target, action);
    }
  }
}
