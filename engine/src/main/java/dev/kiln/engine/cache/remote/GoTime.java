package dev.kiln.engine.cache.remote;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's {@code time.RFC3339Nano} text: UTC, fraction with trailing zeros dropped; zero time for unknown. */
final class GoTime {
  static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private GoTime() {}

  static String format(Instant t) {
    var utc = t.atOffset(ZoneOffset.UTC);
    String text = SECONDS.format(utc);
    if (utc.getNano() != 0) {
      String fraction = String.format("%09d", utc.getNano()).replaceAll("0+$", "");
      text += "." + fraction;
    }
    return text + "Z";
  }

  static Instant parse(String text) {
    return text == null || text.isEmpty() ? ZERO : OffsetDateTime.parse(text).toInstant();
  }
}
