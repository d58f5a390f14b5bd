package dev.kiln.engine.exporter;

import java.util.Map;

/** BuildKit's ExporterResponse: {@code containerimage.digest}, {@code image.name}, … */
public record ExportResult(Map<String, String> response) {
  public ExportResult {
    response = Map.copyOf(response);
  }
}
