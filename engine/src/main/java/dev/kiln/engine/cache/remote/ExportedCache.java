package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.BlobSupply;
import dev.kiln.engine.exporter.Descriptor;
import java.util.List;

/**
 * A cache ready to be written: its config document and the layer blobs it names (in the content
 * store, or for lazy results in the cache they were imported from: {@code missing} fetches those),
 * each annotated with its diff id and creation time as BuildKit's cache index lists them.
 */
public record ExportedCache(CacheConfig config, List<Descriptor> blobs, BlobSupply missing) {
  public static final String UNCOMPRESSED = "containerd.io/uncompressed";
  public static final String CREATED_AT = "buildkit/createdat";

  public ExportedCache {
    blobs = List.copyOf(blobs);
  }
}
