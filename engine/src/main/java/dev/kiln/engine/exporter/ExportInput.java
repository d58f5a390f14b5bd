package dev.kiln.engine.exporter;

import java.io.IOException;
import java.util.Optional;

/**
 * What a build hands to an exporter.
 *
 * @param content the result: a committed snapshot, or a remote layer chain not fetched yet
 * @param imageConfig the frontend's {@code containerimage.config} JSON, if any
 * @param inlineCache the {@code moby.buildkit.cache.v0} value an image config carries ({@code --export-cache type=inline})
 */
public record ExportInput(ResultContent content, Optional<byte[]> imageConfig, Optional<String> inlineCache) {
  public ExportInput(ResultContent content, Optional<byte[]> imageConfig) {
    this(content, imageConfig, Optional.empty());
  }

  public ExportInput(String snapshotId, Optional<byte[]> imageConfig) {
    this(new ResultContent.Snapshot(snapshotId), imageConfig);
  }

  /** The result's snapshot, materialising a remote chain (exporters that need the files). */
  public String snapshotId() throws IOException {
    return content.snapshotId();
  }

  public ExportInput withInlineCache(String value) {
    return new ExportInput(content, imageConfig, Optional.of(value));
  }

  public static ExportInput of(String snapshotId, byte[] imageConfig) {
    return new ExportInput(snapshotId, Optional.ofNullable(imageConfig));
  }
}
