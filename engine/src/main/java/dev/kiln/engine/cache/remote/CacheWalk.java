package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.BlobSupply;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.ResultContent;
import dev.kiln.engine.exporter.layer.LayerBlob;
import dev.kiln.engine.exporter.layer.LayerOptions;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.solver.cache.CacheRecord;
import dev.kiln.solver.cache.InputComponent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the cache of a finished solve: starting at the final result's keys, follows each
 * record's recipe to the records of its inputs, and gives a record layers when the mode asks for
 * them ({@code min}: the final keys only; {@code max}: every record with a snapshot result). Layer
 * blobs come from {@link Layers}, so they are the same blobs an image export of the same snapshots
 * writes; a lazy result (still in an imported cache) keeps the blobs it has there. An input that
 * entered its key by content becomes a root record named by that checksum.
 */
public final class CacheWalk {
  private final RecordSource storage;
  private final Layers layers;
  private final RemoteResults remote;

  /** Where the walk reads records: the local ones, and those of caches imported by the build. */
  @FunctionalInterface
  public interface RecordSource {
    Optional<CacheRecord> find(String key);
  }

  /** The layers of results still in an imported cache (lazy result ids), and their blobs on demand. */
  public interface RemoteResults {
    Optional<List<ResultContent.Layer>> layers(String resultId);

    void fetchBlob(String resultId, Digest blob) throws IOException;
  }

  public CacheWalk(RecordSource storage, Layers layers, RemoteResults remote) {
    this.storage = storage;
    this.layers = layers;
    this.remote = remote;
  }

  public ExportedCache export(List<String> finalKeys, CacheMode mode, LayerOptions options) throws IOException {
    Map<String, CacheRecord> found = walk(finalKeys);
    Map<String, Integer> index = new HashMap<>();
    List<String> order = new ArrayList<>(found.keySet());
    for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
    LayerTable table = new LayerTable();
    List<CacheConfig.Record> records = new ArrayList<>();
    for (String key : order) {
      CacheRecord record = found.get(key);
      List<CacheConfig.Result> results = List.of();
      boolean wanted = mode == CacheMode.MAX || finalKeys.contains(key);
      Optional<String> snapshot = record == null ? Optional.empty() : snapshotOf(record);
      Optional<List<ResultContent.Layer>> lazy = record == null ? Optional.empty() : remote.layers(record.resultId());
      if (wanted && snapshot.isPresent()) {
        int top = table.add(snapshot.get(), record.createdAt(), options);
        results = List.of(new CacheConfig.Result(top, record.createdAt()));
      } else if (wanted && lazy.isPresent()) {
        int top = table.addRemote(record.resultId(), lazy.get(), record.createdAt());
        results = List.of(new CacheConfig.Result(top, record.createdAt()));
      }
      records.add(new CacheConfig.Record(key, results, record == null ? List.of() : inputs(record, index)));
    }
    Map<Digest, String> remoteBlobs = Map.copyOf(table.remoteBlobs);
    BlobSupply missing = blob -> {
      String resultId = remoteBlobs.get(blob);
      if (resultId == null) {
        BlobSupply.NONE.fetch(blob);
      } else {
        remote.fetchBlob(resultId, blob);
      }
    };
    return new ExportedCache(new CacheConfig(table.layers, records), table.blobs, missing);
  }

  /** Every key reachable from {@code roots}, breadth first; a content checksum maps to null. */
  private Map<String, CacheRecord> walk(List<String> roots) {
    Map<String, CacheRecord> found = new LinkedHashMap<>();
    ArrayDeque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String key = todo.poll();
      if (found.containsKey(key)) continue;
      Optional<CacheRecord> record = storage.find(key);
      found.put(key, record.orElse(null));
      record.ifPresent(r -> r.recipe().inputs().forEach(in -> todo.add(linked(in))));
    }
    return found;
  }

  private static String linked(InputComponent in) {
    return switch (in) {
      case InputComponent.ByKey k -> k.key();
      case InputComponent.ByContent c -> c.contentDigest();
    };
  }

  private static List<List<CacheConfig.Link>> inputs(CacheRecord record, Map<String, Integer> index) {
    List<List<CacheConfig.Link>> out = new ArrayList<>();
    for (InputComponent in : record.recipe().inputs()) {
      while (out.size() <= in.index()) out.add(new ArrayList<>());
      out.get(in.index()).add(new CacheConfig.Link(index.get(linked(in)), in.selector()));
    }
    return out;
  }

  private static Optional<String> snapshotOf(CacheRecord record) {
    String prefix = SnapshotRefs.resultId("");
    return record.resultId().startsWith(prefix)
        ? Optional.of(record.resultId().substring(prefix.length())) : Optional.empty();
  }

  /** Layers by snapshot id, each once, parents first. */
  private final class LayerTable {
    final List<CacheConfig.Layer> layers = new ArrayList<>();
    final List<Descriptor> blobs = new ArrayList<>();
    final Map<String, Integer> bySnapshot = new HashMap<>();
    final Set<String> blobDigests = new java.util.HashSet<>();
    /** Remote layers by parent index and blob; the blobs of remote layers with the result that has them. */
    final Map<String, Integer> byRemote = new HashMap<>();
    final Map<Digest, String> remoteBlobs = new HashMap<>();

    int add(String snapshotId, Instant createdAt, LayerOptions options) throws IOException {
      int parent = -1;
      for (String id : CacheWalk.this.layers.chain(snapshotId)) {
        Integer known = bySnapshot.get(id);
        if (known == null) {
          LayerBlob blob = CacheWalk.this.layers.layer(id, options, true);
          known = layers.size();
          layers.add(new CacheConfig.Layer(blob.blob().digest().value(), parent));
          bySnapshot.put(id, known);
          if (blobDigests.add(blob.blob().digest().value())) blobs.add(annotated(blob.blob(), blob.diffId(), createdAt));
        }
        parent = known;
      }
      return parent;
    }

    /** A lazy result's layers, as they are in the cache it came from (nothing is fetched). */
    int addRemote(String resultId, List<ResultContent.Layer> chain, Instant createdAt) {
      int parent = -1;
      for (ResultContent.Layer l : chain) {
        int below = parent;
        parent = byRemote.computeIfAbsent(below + " " + l.blob().digest().value(), k -> {
          layers.add(new CacheConfig.Layer(l.blob().digest().value(), below));
          return layers.size() - 1;
        });
        remoteBlobs.putIfAbsent(l.blob().digest(), resultId);
        if (blobDigests.add(l.blob().digest().value())) blobs.add(annotated(l.blob(), l.diffId(), createdAt));
      }
      return parent;
    }
  }

  private static Descriptor annotated(Descriptor blob, Digest diffId, Instant createdAt) {
    return new Descriptor(blob.mediaType(), blob.digest(), blob.size(), Map.of(
        ExportedCache.UNCOMPRESSED, diffId.value(), ExportedCache.CREATED_AT, GoTime.format(createdAt)));
  }
}
