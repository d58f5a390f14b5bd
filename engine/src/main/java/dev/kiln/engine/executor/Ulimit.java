package dev.kiln.engine.executor;

import java.util.Locale;
import java.util.Objects;

/**
 * A resource limit as in {@code --ulimit nofile=1024:2048}: {@code name} without the {@code
 * RLIMIT_} prefix, in any case ({@code nofile}, {@code nproc}, {@code core}…).
 */
public record Ulimit(String name, long soft, long hard) {
  public Ulimit {
    Objects.requireNonNull(name, "name");
    if (soft < 0 || hard < 0 || soft > hard) {
      throw new IllegalArgumentException(
          "invalid ulimit " + name + "=" + soft + ":" + hard + " (need 0 <= soft <= hard)");
    }
  }

  /** The OCI rlimit type, e.g. {@code RLIMIT_NOFILE}. */
  public String rlimitType() {
    return "RLIMIT_" + name.toUpperCase(Locale.ROOT);
  }
}
