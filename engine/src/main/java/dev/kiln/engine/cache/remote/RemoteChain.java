package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.ResultContent;
import dev.kiln.engine.image.ChainIds;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.image.Digests;
import dev.kiln.engine.image.LayerUnpack;
import dev.kiln.llb.Digest;
import dev.kiln.solver.cache.CacheRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layer chain of one result of an imported cache, known by descriptors. {@link #materialize}
 * fetches the blobs the content store lacks and unpacks them once per layer stack (as a pulled
 * image's); {@link #fetchBlob} brings one blob without unpacking. Thread-safe: concurrent builds
 * materialise a chain once.
 */
final class RemoteChain {
  /** Saves a record that pointed at the chain, now that its snapshot exists. */
  @FunctionalInterface
  interface RecordSaver {
    void save(CacheRecord pointing, String snapshotId) throws IOException;
  }

  private final String resultId;
  private final List<ImportedCache.LayerRef> layers;
  private final ImportedCache cache;
  private final ContentFetcher fetcher;
  private final LayerUnpack unpack;
  private final RecordSaver saver;
  private final Map<String, CacheRecord> pointing = new LinkedHashMap<>(); // by key; guarded by this
  private String snapshot; // guarded by this

  RemoteChain(String resultId, List<ImportedCache.LayerRef> layers, ImportedCache cache, ContentFetcher fetcher,
      LayerUnpack unpack, RecordSaver saver) {
    this.resultId = resultId;
    this.layers = List.copyOf(layers);
    this.cache = cache;
    this.fetcher = fetcher;
    this.unpack = unpack;
    this.saver = saver;
  }

  /** The result id cache records and solver results use for the chain while its import is open. */
  String resultId() {
    return resultId;
  }

  /** The layers as exporters use them: plain blob descriptors, base first. */
  List<ResultContent.Layer> layers() {
    return layers.stream().map(l -> new ResultContent.Layer(
        new Descriptor(l.blob().mediaType(), Digests.of(l.blob().digest()), l.blob().size()), l.diffId())).toList();
  }

  /**
   * Notes that {@code record} names this chain: it is saved locally, on the snapshot, when the chain
   * is materialised. Returns the snapshot when that happened already (the caller saves the record).
   */
  synchronized Optional<String> pointedAtBy(CacheRecord record) {
    if (snapshot == null) pointing.put(record.key(), record);
    return Optional.ofNullable(snapshot);
  }

  /** The top snapshot of the chain, fetching and unpacking what is missing the first time. */
  synchronized String materialize() throws IOException {
    if (snapshot != null) return snapshot;
    List<Digest> chain = ChainIds.of(layers.stream().map(ImportedCache.LayerRef::diffId).toList());
    String top = null;
    for (int i = 0; i < chain.size(); i++) {
      ImportedCache.LayerRef layer = layers.get(i);
      fetcher.ensure(layer.blob(), cache.fetcher(), null);
      top = unpack.layer(Unpacking.CONTEXT, top, layer.blob(), layer.diffId(), chain.get(i));
    }
    snapshot = top;
    // The next build finds these locally, as ordinary snapshot results.
    for (CacheRecord r : pointing.values()) saver.save(r, top);
    pointing.clear();
    return top;
  }

  void fetchBlob(Digest blob) throws IOException {
    for (ImportedCache.LayerRef l : layers) {
      if (Digests.of(l.blob().digest()).equals(blob)) {
        fetcher.ensure(l.blob(), cache.fetcher(), null);
        return;
      }
    }
    throw new IOException("blob " + blob + " is not a layer of imported result " + resultId);
  }
}
