package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Layer blobs for snapshots: a base image's original blob when there is one, else a cached blob
 * made earlier with the same options, else a new one written from the snapshot's changes (its
 * gzip chunks that earlier blobs hold are copied from them: {@link ChunkReuse}).
 * Thread-safe; two concurrent exports of one snapshot may both write it (the store dedups).
 */
public final class Layers {
  private final SnapshotStore snapshots;
  private final SnapshotViews views;
  private final ContentStore content;
  private final LayerCache cache;
  private final ChunkIndex chunks;
  private final LayerBlobs baseLayers;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong chunksReused = new AtomicLong();

  public Layers(SnapshotStore snapshots, SnapshotViews views, ContentStore content, Database db,
      LayerBlobs baseLayers) {
    this.snapshots = snapshots;
    this.views = views;
    this.content = content;
    this.cache = new LayerCache(db);
    this.chunks = new ChunkIndex(db);
    this.baseLayers = baseLayers;
  }

  /** {@code snapshotId} and its ancestors, base first: one layer each. */
  public List<String> chain(String snapshotId) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String cur = snapshotId; cur != null; cur = snapshots.parent(cur).orElse(null)) ids.add(cur);
    Collections.reverse(ids);
    return ids;
  }

  /**
   * The layer of {@code snapshotId} against its parent.
   *
   * @param reuseBase false ({@code force-compression}) recompresses base image layers too
   */
  public LayerBlob layer(String snapshotId, LayerOptions options, boolean reuseBase) throws IOException {
    return layer(snapshotId, options, reuseBase, LayerSink.NONE);
  }

  /** The same; a new blob's bytes also go to {@code sink} as they are compressed. */
  public LayerBlob layer(String snapshotId, LayerOptions options, boolean reuseBase, LayerSink sink)
      throws IOException {
    if (reuseBase) {
      Optional<LayerBlob> base = baseLayers.lookup(snapshotId);
      if (base.isPresent() && content.exists(base.get().blob().digest())) return base.get();
    }
    Optional<LayerBlob> cached = cache.get(snapshotId, options.variant());
    if (cached.isPresent() && content.exists(cached.get().blob().digest())) return cached.get();
    LayerBlob made = write(snapshotId, options, sink);
    written.incrementAndGet();
    cache.put(snapshotId, options.variant(), made);
    return made;
  }

  /** How many layers were written rather than reused, since this object was made. */
  public long layersWritten() {
    return written.get();
  }

  /** How many gzip chunks of written layers were copied from earlier blobs rather than deflated. */
  public long chunksReused() {
    return chunksReused.get();
  }

  /** Trees stay mounted while their files are written: the changes point into them. */
  private LayerBlob write(String snapshotId, LayerOptions options, LayerSink sink) throws IOException {
    List<String> deleted = snapshots.deletions(snapshotId);
    Path upper = snapshots.changesDir(snapshotId);
    if (upper != null) return write(OverlayChanges.of(upper), deleted, options, sink);
    Optional<String> parent = snapshots.parent(snapshotId);
    try (MountedTree tree = views.view(snapshotId)) {
      if (parent.isEmpty()) return write(TreeChanges.of(null, tree.root()), deleted, options, sink);
      try (MountedTree lower = views.view(parent.get())) {
        return write(TreeChanges.of(lower.root(), tree.root()), deleted, options, sink);
      }
    }
  }

  private LayerBlob write(List<Change> changes, List<String> deleted, LayerOptions options, LayerSink sink)
      throws IOException {
    ChunkReuse reuse = ChunkReuse.using(chunks, content);
    try {
      return LayerWriter.write(ChangeOrder.withDeletions(changes, deleted), options, content, sink, reuse);
    } finally {
      chunksReused.addAndGet(reuse.reused());
    }
  }
}
