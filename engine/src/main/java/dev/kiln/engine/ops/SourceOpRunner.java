package dev.kiln.engine.ops;

import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.Source;
import dev.kiln.engine.source.SourceManager;
import dev.kiln.llb.Platform;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.util.List;

/** A source op: dispatched to the {@link Source} serving its identifier's scheme. */
final class SourceOpRunner implements dev.kiln.solver.Op {
  private final Source.Instance source;

  SourceOpRunner(Op op, SourceManager sources, BuildInputs build) throws IOException {
    var src = op.getSource();
    var request = new Source.SourceRequest(src.getIdentifier(), src.getAttrsMap(), platform(op), build);
    this.source = sources.forScheme(request.scheme()).orElseThrow(() ->
        new IOException("unsupported source '" + src.getIdentifier() + "': this engine has no " + request.scheme() + ":// source yet"))
        .instance(request);
  }

  private static Platform platform(Op op) {
    if (!op.hasPlatform()) return null;
    var p = op.getPlatform();
    return new Platform(p.getOS(), p.getArchitecture(), p.getVariant(), p.getOSVersion(), p.getOSFeaturesList());
  }

  @Override
  public CacheMap cacheMap(OpContext ctx) throws Exception {
    return source.cacheMap(ctx);
  }

  @Override
  public List<Result> exec(OpContext ctx, List<Result> inputs) throws Exception {
    return List.of(source.exec(ctx));
  }
}
