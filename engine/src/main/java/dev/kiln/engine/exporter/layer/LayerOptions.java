package dev.kiln.engine.exporter.layer;

import java.time.Instant;
import java.util.Optional;

/**
 * How to write a layer.
 *
 * @param clampMtime with {@code rewrite-timestamp}: file times later than this are set to it
 */
public record LayerOptions(Compression compression, int level, Optional<Instant> clampMtime) {
  public LayerOptions {
    if (!compression.acceptsLevel(level)) {
      throw new IllegalArgumentException("compression level " + level + " is out of range for " + compression.id());
    }
  }

  public static LayerOptions gzip() {
    return new LayerOptions(Compression.GZIP, Compression.GZIP.defaultLevel(), Optional.empty());
  }

  /** Key of the cached blob: everything that changes its bytes. */
  String variant() {
    return compression.id() + "/" + level + clampMtime.map(t -> "/epoch=" + t.getEpochSecond()).orElse("");
  }
}
