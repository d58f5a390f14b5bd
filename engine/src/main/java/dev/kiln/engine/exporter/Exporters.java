package dev.kiln.engine.exporter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The exporters a worker offers, by {@code type=}. Immutable, thread-safe. */
public final class Exporters {
  private final Map<String, Exporter> byType;

  private Exporters(Map<String, Exporter> byType) {
    this.byType = byType;
  }

  public static Exporters of(List<Exporter> exporters) {
    Map<String, Exporter> m = new TreeMap<>();
    for (Exporter e : exporters) {
      if (m.putIfAbsent(e.type(), e) != null) throw new IllegalArgumentException("two exporters of type " + e.type());
    }
    return new Exporters(Map.copyOf(m));
  }

  /**
   * Resolves {@code --output type=<type>,attrs…}.
   *
   * @throws ExporterOptionException for an unknown type (key {@code type}) or a bad attribute
   */
  public ExporterInstance resolve(String type, Map<String, String> attrs) {
    Exporter e = byType.get(type);
    if (e == null) {
      throw new ExporterOptionException("type", "unknown exporter '" + type + "'; known: "
          + String.join(", ", new TreeMap<>(byType).keySet()));
    }
    return e.resolve(attrs);
  }
}
