package dev.kiln.daemon.config;

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
}
