package dev.kiln.cli.usage;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes and ages as buildctl prints and reads them (Go's {@code go-units}: decimal sizes, rough ages). */
public final class HumanUnits {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|m|mb|g|gb|t|tb|kib|mib|gib|tib)?\\s*");

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");

  private HumanUnits() {}

  /** {@code 52428800} → {@code 52.43MB}, as go-units' HumanSize ({@code %.4g} of powers of 1000). */
  public static String size(long bytes) {
    double v = bytes;
    int unit = 0;
    while (v >= 1000 && unit < UNITS.length - 1) {
      v /= 1000;
      unit++;
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s + UNITS[unit];
  }

  /** How long ago, as go-units' HumanDuration: {@code 3 minutes}, {@code About an hour}, {@code 2 days}. */
  public static String age(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 1) return "Less than a second";
    if (seconds == 1) return "1 second";
    if (seconds < 60) return seconds + " seconds";
    long minutes = d.toMinutes();
    if (minutes == 1) return "About a minute";
    if (minutes < 60) return minutes + " minutes";
    long hours = Math.round(d.toMinutes() / 60.0);
    if (hours == 1) return "About an hour";
    if (d.toHours() < 48) return hours + " hours";
    if (d.toHours() < 24 * 7 * 2) return d.toHours() / 24 + " days";
    if (d.toHours() < 24 * 30 * 2) return d.toHours() / 24 / 7 + " weeks";
    if (d.toHours() < 24 * 365 * 2) return d.toHours() / 24 / 30 + " months";
    return d.toHours() / 24 / 365 + " years";
  }

  /** A Go duration as buildctl takes it: {@code 48h}, {@code 1h30m}, {@code 90s}, {@code 500ms}, {@code 1.5h}. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION_PART.matcher(text.trim());
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "h" -> 3_600_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "s" -> 1_000_000_000L;
        case "ms" -> 1_000_000L;
        case "us", "µs" -> 1_000L;
        default -> 1L;
      };
      nanos += Math.round(n * unit);
      end = m.end();
    }
    if (end == 0 || end != text.trim().length()) {
      throw new IllegalArgumentException("invalid duration '" + text + "': use e.g. 24h, 30m, 1h30m");
    }
    return Duration.ofNanos(nanos);
  }

  /**
   * A size: plain numbers are {@code unitIfBare} bytes each (buildctl's {@code --keep-storage} is in
   * MB); suffixes {@code kB/MB/GB/TB} are powers of 1000, {@code KiB/MiB/GiB/TiB} of 1024.
   */
  public static long parseSize(String text, long unitIfBare) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) throw new IllegalArgumentException("invalid size '" + text + "': use e.g. 512MB, 10GB, 1.5GiB");
    double n = Double.parseDouble(m.group(1));
    String suffix = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long unit = switch (suffix) {
      case "" -> unitIfBare;
      case "b" -> 1;
      case "k", "kb" -> 1_000L;
      case "m", "mb" -> 1_000_000L;
      case "g", "gb" -> 1_000_000_000L;
      case "t", "tb" -> 1_000_000_000_000L;
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      default -> 1L << 40;
    };
    return Math.round(n * unit);
  }
}
