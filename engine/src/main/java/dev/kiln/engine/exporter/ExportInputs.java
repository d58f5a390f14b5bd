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

  /** Brings the blobs of every remote result into the content store, for outputs that copy blobs. */
  public void fetchRemoteBlobs() throws java.io.IOException {
    for (ExportInput p : platforms) ResultContent.fetchBlobs(p.content());
  }

  /** Fetches a blob of one of the remote results, when an upload needs its bytes. */
  public BlobSupply remoteBlobs() {
    return blob -> {
      for (ExportInput p : platforms) {
        if (p.content() instanceof ResultContent.Remote r
            && r.layers().stream().anyMatch(l -> l.blob().digest().equals(blob))) {
          r.fetchBlob(blob);
          return;
        }
      }
      BlobSupply.NONE.fetch(blob);
    };
  }

  /** Whether the output must be an index over platforms rather than one image. */
  public boolean multiPlatform() {
    return index || platforms.size() > 1;
  }
}
