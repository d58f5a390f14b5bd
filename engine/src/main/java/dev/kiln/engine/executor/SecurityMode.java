package dev.kiln.engine.executor;

/**
 * BuildKit's {@code pb.SecurityMode}. INSECURE must only be requested once the caller has checked
 * that the {@code security.insecure} entitlement was granted; the executor just implements it.
 */
public enum SecurityMode {
  /** Default capabilities, masked /proc paths, read-only /sys, no host devices. */
  SANDBOX,
  /** All capabilities, nothing masked, read-write /sys, all host devices. */
  INSECURE
}
