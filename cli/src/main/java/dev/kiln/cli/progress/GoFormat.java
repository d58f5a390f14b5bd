package dev.kiln.cli.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Number, size and time formatting that reproduces what BuildKit's Go code prints, so Kiln's output
 * reads the same as buildctl's: {@code %.Nf} rounds the exact binary value half-to-even (Java's
 * {@code String.format} rounds half-up), sizes use {@code tonistiigi/units} decimal units, and times
 * use Go's {@code time.RFC3339Nano}.
 */
final class GoFormat {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private GoFormat() {}

  /** Go's {@code fmt.Sprintf("%.<precision>f", value)}. */
  static String fixed(double value, int precision) {
    return new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Go's {@code Duration.Seconds()}: whole seconds and the nanosecond rest converted apart. */
  static double seconds(Duration d) {
    long nanos = d.toNanos();
    return (double) (nanos / 1_000_000_000L) + (double) (nanos % 1_000_000_000L) / 1e9;
  }

  /** {@code fmt.Sprintf("%.2f", units.Bytes(n))}: "60B", "2.05kB", "1.50MB". */
  static String bytes(long n) {
    if (n > -1000 && n < 1000) {
      return n + "B";
    }
    long base = 1;
    int unit = 0;
    while (unit < UNITS.length - 1 && Math.abs(n) >= base * 1000) {
      base *= 1000;
      unit++;
    }
    return fixed(n / Math.pow(1000, unit), 2) + UNITS[unit];
  }

  /** Seconds since a vertex started, with the precision progressui uses for log line prefixes. */
  static String logOffset(Duration sinceStart) {
    double sec = seconds(sinceStart);
    int precision = sec < 10 ? 3 : sec < 100 ? 2 : 1;
    return fixed(sec, precision);
  }

  /** Go's {@code time.RFC3339Nano} of a UTC time: trailing zeros of the fraction dropped. */
  static String rfc3339Nano(Instant t) {
    StringBuilder b = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
      b.append('.').append(fraction);
    }
    return b.append('Z').toString();
  }
}
