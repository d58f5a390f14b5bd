package dev.kiln.cli.build;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code k=v,k=v} values of buildctl's flags. */
final class Csv {
  private Csv() {}

  /** Parses pairs; a bare word (no {@code =}) maps to "". */
  static Map<String, String> pairs(String csv, String flag) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : csv.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      String key = eq < 0 ? p : p.substring(0, eq).strip();
      if (key.isEmpty()) throw new IllegalArgumentException(flag + " '" + csv + "': empty key in '" + p + "'");
      out.put(key, eq < 0 ? "" : p.substring(eq + 1).strip());
    }
    return out;
  }

  /** Splits {@code K=V}; the message names the flag when {@code =} is missing. */
  static Map.Entry<String, String> keyValue(String value, String flag) {
    int eq = value.indexOf('=');
    if (eq <= 0) throw new IllegalArgumentException(flag + " '" + value + "' must be KEY=VALUE");
    return Map.entry(value.substring(0, eq), value.substring(eq + 1));
  }
}
