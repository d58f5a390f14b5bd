package dev.kiln.engine.source;

import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;

/**
 * A source whose keying pins something (an image digest, a commit, a downloaded file) that exec
 * must then build: all work goes through {@link #instance}, which implementations override.
 */
public interface PinningSource extends Source {
  @Override
  Instance instance(SourceRequest request);

  @Override
  default CacheMap cacheMap(OpContext ctx, SourceRequest request) throws Exception {
    return instance(request).cacheMap(ctx);
  }

  @Override
  default Result exec(OpContext ctx, SourceRequest request) throws Exception {
    return instance(request).exec(ctx);
  }
}
