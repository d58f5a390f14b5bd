package dev.kiln.engine;

import dev.kiln.engine.source.BuildInputs;
import dev.kiln.solver.progress.ProgressListener;
import java.util.Set;

/**
 * One build's inputs and settings.
 *
 * @param inputs local directories and secrets the build may use
 * @param noCache run every step again, ignoring cached results (they are still saved)
 * @param entitlements privileges granted to this build ({@code network.host}, {@code security.insecure})
 * @param listener receives progress as it happens, or null
 */
public record SolveRequest(BuildInputs inputs, boolean noCache, Set<String> entitlements, ProgressListener listener) {
  public SolveRequest {
    entitlements = Set.copyOf(entitlements);
  }

  public static SolveRequest of(BuildInputs inputs) {
    return new SolveRequest(inputs, false, Set.of(), null);
  }

  public SolveRequest withNoCache(boolean value) {
    return new SolveRequest(inputs, value, entitlements, listener);
  }

  public SolveRequest withEntitlements(Set<String> value) {
    return new SolveRequest(inputs, noCache, value, listener);
  }

  public SolveRequest withListener(ProgressListener value) {
    return new SolveRequest(inputs, noCache, entitlements, value);
  }
}
