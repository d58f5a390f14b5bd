package dev.kiln.engine.ops;

import dev.kiln.engine.cache.contenthash.ImmutableChecksums;
import dev.kiln.engine.executor.ExecRequest;
import dev.kiln.engine.executor.ExecResult;
import dev.kiln.engine.executor.Executor;
import dev.kiln.engine.executor.Stdio;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An exec op: a command in a container on top of its root mount, producing one snapshot per
 * writable mount. Proxy settings are left out of the cache key, as in BuildKit.
 */
public final class ExecOpRunner implements dev.kiln.solver.Op {
  /** What every exec needs from the worker, created on first use (runc may be absent otherwise). */
  public record Services(SnapshotRefs refs, Executor executor, CacheMounts cacheMounts, ImmutableChecksums checksums,
      Set<String> entitlements) {}

  private final Op op;
  private final Supplier<Services> services;
  private final BuildInputs build;

  ExecOpRunner(Op op, Supplier<Services> services, BuildInputs build) {
    this.op = op;
    this.services = services;
    this.build = build;
  }

  @Override
  public CacheMap cacheMap(OpContext ctx) {
    ExecOp keyed = op.getExec().toBuilder().setMeta(op.getExec().getMeta().toBuilder().clearProxyEnv()).build();
    String digest = CacheMaps.digest("kiln.exec.v0", keyed, op.getPlatform());
    return CacheMap.of(digest, op.getInputsCount());
  }

  @Override
  public List<Result> exec(OpContext ctx, List<Result> inputs) throws Exception {
    Services s = services.get();
    ExecOp exec = op.getExec();
    Entitlements.check(exec, s.entitlements());
    try (ExecMounts mounts = new ExecMounts(s, build, inputs)) {
      mounts.prepare(exec);
      ExecRequest request = ExecRequest.of(ExecMeta.of(exec), mounts.rootfs())
          .withMounts(mounts.execMounts())
          .withStdio(stdio(ctx));
      ExecResult result = s.executor().run(request);
      if (!result.succeeded()) {
        throw new IOException("process \"" + String.join(" ", exec.getMeta().getArgsList())
            + "\" did not complete successfully: exit code: " + result.exitCode());
      }
      return mounts.commitOutputs(VertexGraph.outputs(op));
    }
  }

  private static Stdio stdio(OpContext ctx) {
    ClippedLog log = new ClippedLog(ctx.progress(), ClippedLog.DEFAULT_LIMIT);
    return new Stdio(log.stream(1), log.stream(2));
  }
}
