package dev.kiln.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes and durations as buildkitd.toml writes them: plain numbers, or strings like "512MB" and "48h". */
final class Units {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?i?b?)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Units() {}

  /** A number is taken times {@code numberUnit}; a string such as "10GB" or "512MiB" is parsed (decimal and binary units). */
  static long bytes(JsonNode value, String key, long numberUnit) {
    if (value.isNumber()) return Math.multiplyExact(value.asLong(), numberUnit);
    Matcher m = SIZE.matcher(value.asText().trim());
    if (!m.matches()) throw new IllegalArgumentException(key + ": '" + value.asText() + "' is not a size (e.g. 512MB, 10GiB)");
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    boolean binary = unit.contains("i");
    long base = binary ? 1024 : 1000;
    int power = unit.isEmpty() || unit.equals("b") ? 0 : "kmgtp".indexOf(unit.charAt(0)) + 1;
    double n = Double.parseDouble(m.group(1)) * Math.pow(base, power);
    return (long) n;
  }

  /** A number is seconds; a string is a Go duration ("48h", "1h30m", "90s"). */
  static Duration duration(JsonNode value, String key) {
    if (value.isNumber()) return Duration.ofSeconds(value.asLong());
    String text = value.asText().trim();
    Matcher m = DURATION_PART.matcher(text);
    long nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos += (long) (n * unit);
      end = m.end();
    }
    if (end != text.length() || text.isEmpty()) {
      throw new IllegalArgumentException(key + ": '" + text + "' is not a duration (e.g. 48h, 30m, or seconds)");
    }
    return Duration.ofNanos(nanos);
  }
}
