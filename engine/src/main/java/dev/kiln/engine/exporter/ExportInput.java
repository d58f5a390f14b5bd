package dev.kiln.engine.exporter;

import java.util.Optional;

/**
 * What a build hands to an exporter.
 *
 * @param snapshotId the result's committed snapshot
 * @param imageConfig the frontend's {@code containerimage.config} JSON, if any
 */
public record ExportInput(String snapshotId, Optional<byte[]> imageConfig) {
  public static ExportInput of(String snapshotId, byte[] imageConfig) {
    return new ExportInput(snapshotId, Optional.ofNullable(imageConfig));
  }
}
