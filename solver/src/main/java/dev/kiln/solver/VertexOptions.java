package dev.kiln.solver;

import java.util.Objects;

/**
 * Per-vertex options (LLB {@code OpMetadata}). Only {@code ignoreCache} affects solving; the rest is for
 * display and never enters a cache key.
 *
 * @param ignoreCache never look this vertex up in the cache (its result is still saved); dependents then
 *     skip their definition-key lookup too, since their definition no longer vouches for their inputs
 */
public record VertexOptions(boolean ignoreCache, String progressGroup, String description) {
  public static final VertexOptions DEFAULT = new VertexOptions(false, "", "");

  public VertexOptions {
    Objects.requireNonNull(progressGroup, "progressGroup");
    Objects.requireNonNull(description, "description");
  }

  public VertexOptions withIgnoreCache(boolean ignore) {
    return new VertexOptions(ignore, progressGroup, description);
  }
}
