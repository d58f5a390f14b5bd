package dev.kiln.engine.exporter;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.util.List;

/**
 * What a build result holds, as exporters see it: a committed snapshot, or a chain of layers known
 * only by their descriptors (a hit from an imported cache) whose blobs are still in the store the
 * cache came from. A remote chain is materialised — fetched and unpacked — only when something
 * needs its files ({@link #snapshotId}); an image pushed to a registry needs its descriptors alone.
 */
public sealed interface ResultContent permits ResultContent.Snapshot, ResultContent.Remote {
  /** The committed snapshot of the result's files; a remote chain is fetched and unpacked first. */
  String snapshotId() throws IOException;

  /** A result whose files are on disk. */
  record Snapshot(String snapshotId) implements ResultContent {}

  /** One layer of a remote chain: its blob (no annotations) and the digest of its uncompressed tar. */
  record Layer(Descriptor blob, Digest diffId) {}

  /**
   * A layer chain not fetched yet. Implementations are thread-safe: concurrent users materialise
   * it once.
   */
  non-sealed interface Remote extends ResultContent {
    /** The layers, base first. */
    List<Layer> layers();

    /** Brings one of the chain's blobs into the content store (no unpacking); no-op if there. */
    void fetchBlob(Digest blob) throws IOException;
  }

  /** Brings every blob of a remote chain into the content store; nothing for a snapshot. */
  static void fetchBlobs(ResultContent content) throws IOException {
    if (content instanceof Remote remote) {
      for (Layer l : remote.layers()) remote.fetchBlob(l.blob().digest());
    }
  }
}
