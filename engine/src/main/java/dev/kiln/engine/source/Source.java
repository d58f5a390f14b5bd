package dev.kiln.engine.source;

import dev.kiln.llb.Platform;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.util.Map;

/**
 * One kind of source op ({@code local://}, {@code docker-image://}, …), chosen by the identifier's
 * scheme. Implementations are thread-safe and stateless per call.
 */
public interface Source {
  /** The identifier schemes this source serves, without {@code ://}. */
  java.util.Set<String> schemes();

  /** The cache map of one source op; may block (e.g. resolve a reference, checksum a directory). */
  CacheMap cacheMap(OpContext ctx, SourceRequest request) throws Exception;

  /** Produces the source's filesystem as a committed snapshot result. */
  Result exec(OpContext ctx, SourceRequest request) throws Exception;

  /**
   * Binds one source op. The solver calls {@link Instance#cacheMap} and then, on a cache miss,
   * {@link Instance#exec} on the same instance, so a source that pins something while keying (an
   * image tag resolved to a digest) overrides this to build exactly what it keyed. The default
   * delegates to the stateless methods.
   */
  default Instance instance(SourceRequest request) {
    return new Instance() {
      @Override
      public CacheMap cacheMap(OpContext ctx) throws Exception {
        return Source.this.cacheMap(ctx, request);
      }

      @Override
      public Result exec(OpContext ctx) throws Exception {
        return Source.this.exec(ctx, request);
      }
    };
  }

  /** One source op bound to its request; used by one vertex. */
  interface Instance {
    CacheMap cacheMap(OpContext ctx) throws Exception;

    Result exec(OpContext ctx) throws Exception;
  }

  /** One source op as the engine received it, plus the build's inputs it may need. */
  record SourceRequest(String identifier, Map<String, String> attrs, Platform platform, BuildInputs build) {
    public String scheme() {
      return identifier.substring(0, identifier.indexOf("://"));
    }

    public String rest() {
      return identifier.substring(identifier.indexOf("://") + 3);
    }
  }
}
