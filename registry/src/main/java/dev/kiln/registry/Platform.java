package dev.kiln.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * An OCI platform ({@code os/architecture[/variant]}), always held in containerd's normalised form
 * so that {@code x86_64}, {@code aarch64/v8} and {@code armhf} compare equal to what an index says.
 */
public record Platform(String os, String architecture, String variant) {
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    variant = variant == null ? "" : variant;
  }

  /** Parses {@code linux/arm64}, {@code linux/arm/v7}, {@code linux/amd64/v3} and normalises it. */
  public static Platform parse(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "invalid platform \"" + text + "\": expected os/arch[/variant], e.g. linux/arm64");
    }
    return normalized(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** Builds a platform in normalised form (containerd's {@code platforms.Normalize}). */
  public static Platform normalized(String os, String architecture, String variant) {
    String o = os.toLowerCase(Locale.ROOT);
    String a = architecture.toLowerCase(Locale.ROOT);
    String v = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
    return switch (a) {
      case "i386", "x86", "386" -> new Platform(o, "386", "");
      case "x86_64", "x86-64", "amd64" -> new Platform(o, "amd64", v.equals("v1") ? "" : v);
      case "aarch64", "arm64" ->
          new Platform(
              o,
              "arm64",
              switch (v) {
                case "8", "v8", "v8.0" -> "";
                case "9", "9.0", "v9.0" -> "v9";
                default -> v;
              });
      case "armhf" -> new Platform(o, "arm", "v7");
      case "armel" -> new Platform(o, "arm", "v6");
      case "arm" ->
          new Platform(
              o,
              "arm",
              switch (v) {
                case "", "7" -> "v7";
                case "5", "6", "8" -> "v" + v;
                default -> v;
              });
      default -> new Platform(o, a, v);
    };
  }

  /** The normalised form of this platform. */
  public Platform normalize() {
    return normalized(os, architecture, variant);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
