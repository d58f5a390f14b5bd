package dev.kiln.engine.exporter.layer;

import java.io.IOException;
import java.util.Optional;

/**
 * The original blob of a snapshot unpacked from a base image layer, recorded by the image
 * source; exporting reuses it instead of recompressing the same files.
 */
@FunctionalInterface
public interface LayerBlobs {
  LayerBlobs NONE = snapshotId -> Optional.empty();

  Optional<LayerBlob> lookup(String snapshotId) throws IOException;
}
