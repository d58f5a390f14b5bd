package dev.kiln.engine;

import dev.kiln.engine.cache.remote.CacheImportOptions;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.solver.progress.ProgressListener;
import java.util.List;
import java.util.Set;

/**
 * One build's inputs and settings.
 *
 * @param inputs local directories and secrets the build may use
 * @param noCache run every step again, ignoring cached results (they are still saved)
 * @param entitlements privileges granted to this build ({@code network.host}, {@code security.insecure})
 * @param listener receives progress as it happens, or null
 * @param cacheImports caches whose records the solver may use besides the local ones ({@code --import-cache})
 */
public record SolveRequest(BuildInputs inputs, boolean noCache, Set<String> entitlements, ProgressListener listener,
    List<CacheImportOptions> cacheImports) {
  public SolveRequest {
    entitlements = Set.copyOf(entitlements);
    cacheImports = List.copyOf(cacheImports);
  }

  public SolveRequest(BuildInputs inputs, boolean noCache, Set<String> entitlements, ProgressListener listener) {
    this(inputs, noCache, entitlements, listener, List.of());
  }

  public static SolveRequest of(BuildInputs inputs) {
    return new SolveRequest(inputs, false, Set.of(), null);
  }

  public SolveRequest withNoCache(boolean value) {
    return new SolveRequest(inputs, value, entitlements, listener, cacheImports);
  }

  public SolveRequest withEntitlements(Set<String> value) {
    return new SolveRequest(inputs, noCache, value, listener, cacheImports);
  }

  public SolveRequest withListener(ProgressListener value) {
    return new SolveRequest(inputs, noCache, entitlements, value, cacheImports);
  }

  public SolveRequest withCacheImports(List<CacheImportOptions> value) {
    return new SolveRequest(inputs, noCache, entitlements, listener, value);
  }
}
