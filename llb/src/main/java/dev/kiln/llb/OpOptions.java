package dev.kiln.llb;

import java.util.List;
import java.util.Map;

/**
 * Options every op accepts: naming and description for progress, cache control, progress group,
 * platform and worker constraints, source locations. Subclasses add op-specific options.
 *
 * @param <T> the concrete options type, returned for chaining
 */
public abstract class OpOptions<T extends OpOptions<T>> {
  /** Description key holding the vertex name shown in progress output. */
  public static final String CUSTOM_NAME = "llb.customname";

  final Constraints.Builder constraints = new Constraints.Builder();

  @SuppressWarnings("unchecked")
  final T self() {
    return (T) this;
  }

  /** The name shown for this step in progress output. */
  public T customName(String name) {
    constraints.description.put(CUSTOM_NAME, name);
    return self();
  }

  /** Adds description entries (free-form metadata carried with the op). */
  public T description(Map<String, String> entries) {
    constraints.description.putAll(entries);
    return self();
  }

  /** Always run this op, never take it from the cache. */
  public T ignoreCache() {
    constraints.ignoreCache = true;
    return self();
  }

  public T exportCache(boolean export) {
    constraints.exportCache = export;
    return self();
  }

  public T progressGroup(String id, String name, boolean weak) {
    constraints.progressGroup = new ProgressGroup(id, name, weak);
    return self();
  }

  public T platform(Platform platform) {
    constraints.platform = platform;
    return self();
  }

  /** Adds worker constraint filters (containerd filter syntax, e.g. {@code labels.x==y}). */
  public T require(String... filters) {
    constraints.workerFilters.addAll(List.of(filters));
    return self();
  }

  /** Records where in a source file this op comes from. */
  public T location(SourceLocation location) {
    constraints.locations.add(location);
    return self();
  }

  Constraints constraints() {
    return constraints.build();
  }
}
