package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.metadata.Database;
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

  /** The rows of table {@code layer_blobs} with {@code variant}, as the image source writes them. */
  static LayerBlobs recorded(Database db, String variant) {
    LayerCache rows = new LayerCache(db);
    return snapshotId -> rows.get(snapshotId, variant);
  }
}
