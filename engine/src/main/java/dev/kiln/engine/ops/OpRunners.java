package dev.kiln.engine.ops;

import dev.kiln.engine.cache.contenthash.ImmutableChecksums;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.SourceManager;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.Op;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The runner for each LLB op kind, for one build: runners capture the build's inputs (local
 * directories, secrets), so sharing an execution across builds never leaks one build's inputs
 * into another's key.
 */
public final class OpRunners {
  private final SnapshotRefs refs;
  private final ImmutableChecksums checksums;
  private final SourceManager sources;
  private final Supplier<ExecOpRunner.Services> exec;
  private final BuildInputs build;

  public OpRunners(SnapshotRefs refs, ImmutableChecksums checksums, SourceManager sources,
      Supplier<ExecOpRunner.Services> exec, BuildInputs build) {
    this.refs = refs;
    this.checksums = checksums;
    this.sources = sources;
    this.exec = exec;
    this.build = build;
  }

  dev.kiln.solver.Op runner(Op op) throws IOException {
    return switch (op.getOpCase()) {
      case SOURCE -> new SourceOpRunner(op, sources, build);
      case FILE -> new FileOpRunner(op, refs, checksums);
      case MERGE -> new MergeOpRunner(op, refs);
      case DIFF -> new DiffOpRunner(op, refs);
      case EXEC -> new ExecOpRunner(op, exec, build);
      default -> throw new IOException("this engine cannot run " + op.getOpCase().name().toLowerCase() + " ops yet");
    };
  }
}
