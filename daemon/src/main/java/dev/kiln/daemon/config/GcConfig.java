package dev.kiln.daemon.config;

import dev.kiln.engine.gc.GcPolicy;
import java.util.List;

/**
 * The worker's garbage collection settings: {@code gc} on/off, {@code gckeepstorage} (bytes; 0 =
 * the GC's default) and the ordered {@code gcpolicy} rules (empty = the GC's default policy).
 */
public record GcConfig(boolean enabled, long keepStorageBytes, List<GcPolicy> policies) {
  public static final GcConfig DEFAULT = new GcConfig(true, 0, List.of());

  public GcConfig {
    policies = List.copyOf(policies);
    if (keepStorageBytes < 0) throw new IllegalArgumentException("gckeepstorage must not be negative");
  }

  /** The policies the collector applies: the configured ones, else BuildKit's defaults keeping
   * {@code gckeepstorage} or {@code defaultKeepBytes}; none when GC is off. */
  public List<GcPolicy> effectivePolicies(long defaultKeepBytes) {
    if (!enabled) return List.of();
    if (!policies.isEmpty()) return policies;
    return GcPolicy.defaults(keepStorageBytes > 0 ? keepStorageBytes : defaultKeepBytes);
  }
}
