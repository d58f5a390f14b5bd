package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.image.BlobFetcher;
import dev.kiln.engine.image.Digests;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cache read from a store: its records by key, and where their layer blobs come from. Nothing is
 * downloaded until a caller fetches the layers {@link #results} describes.
 */
public final class ImportedCache {
  private static final AtomicLong OPENED = new AtomicLong();

  /** Where the blobs live, remembered for the pusher's mounts once a result uses them. */
  @FunctionalInterface
  public interface BlobOrigin {
    BlobOrigin NONE = blob -> {};

    void remember(Digest blob) throws IOException;
  }

  private final String id = Long.toString(OPENED.incrementAndGet());
  private final CacheConfig config;
  private final Map<String, Descriptor> blobs;
  private final BlobFetcher fetcher;
  private final BlobOrigin origin;
  private final Map<String, CacheConfig.Record> byKey = new HashMap<>();
  /** The chains of results handed out, by top layer index: one per result, materialised once. */
  final ConcurrentMap<Integer, RemoteChain> chains = new ConcurrentHashMap<>();

  public ImportedCache(CacheConfig config, Map<String, Descriptor> blobs, BlobFetcher fetcher, BlobOrigin origin) {
    this.config = config;
    this.blobs = Map.copyOf(blobs);
    this.fetcher = fetcher;
    this.origin = origin;
    for (CacheConfig.Record r : config.records()) byKey.putIfAbsent(r.digest(), r);
  }

  /** One layer of a result: its blob (as the registry client describes it) and its diff id. */
  public record LayerRef(dev.kiln.registry.Descriptor blob, Digest diffId) {}

  /** Unique among the caches opened by this process; prefixes the ids of its results. */
  String id() {
    return id;
  }

  public CacheConfig config() {
    return config;
  }

  public BlobFetcher fetcher() {
    return fetcher;
  }

  BlobOrigin origin() {
    return origin;
  }

  public Optional<CacheConfig.Record> record(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** The layers of the record's first result, base first; empty when the record has none. */
  public Optional<List<LayerRef>> results(CacheConfig.Record record) throws IOException {
    if (record.results().isEmpty()) return Optional.empty();
    List<LayerRef> out = new ArrayList<>();
    for (int i : config.chain(record.results().getFirst().layer())) {
      String digest = config.layers().get(i).blob();
      Descriptor d = blobs.get(digest);
      if (d == null) throw new IOException("the cache index does not list layer blob " + digest);
      String diffId = d.annotations().get(ExportedCache.UNCOMPRESSED);
      if (diffId == null) throw new IOException("cache layer " + digest + " has no " + ExportedCache.UNCOMPRESSED + " annotation");
      out.add(new LayerRef(new dev.kiln.registry.Descriptor(d.mediaType(), Digests.toRegistry(d.digest()), d.size()),
          Digest.parse(diffId)));
    }
    return Optional.of(out);
  }
}
