package dev.kiln.engine.exporter;

import java.util.List;

/**
 * A build's results for one exporter: one per platform, in the frontend's order.
 *
 * @param index write an image index even for a single platform (the frontend asked for multi-platform)
 */
public record ExportInputs(List<ExportInput> platforms, boolean index) {
  public ExportInputs {
    platforms = List.copyOf(platforms);
    if (platforms.isEmpty()) throw new IllegalArgumentException("nothing to export: no platform results");
  }

  public static ExportInputs single(ExportInput input) {
    return new ExportInputs(List.of(input), false);
  }

  /** Whether the output must be an index over platforms rather than one image. */
  public boolean multiPlatform() {
    return index || platforms.size() > 1;
  }
}
