package dev.kiln.engine.exporter;

import java.util.Optional;

/**
 * What a build hands to an exporter.
 *
 * @param snapshotId the result's committed snapshot
 * @param imageConfig the frontend's {@code containerimage.config} JSON, if any
 * @param inlineCache the {@code moby.buildkit.cache.v0} value an image config carries ({@code --export-cache type=inline})
 */
public record ExportInput(String snapshotId, Optional<byte[]> imageConfig, Optional<String> inlineCache) {
  public ExportInput(String snapshotId, Optional<byte[]> imageConfig) {
    this(snapshotId, imageConfig, Optional.empty());
  }

  public ExportInput withInlineCache(String value) {
    return new ExportInput(snapshotId, imageConfig, Optional.of(value));
  }

  public static ExportInput of(String snapshotId, byte[] imageConfig) {
    return new ExportInput(snapshotId, Optional.ofNullable(imageConfig));
  }
}
