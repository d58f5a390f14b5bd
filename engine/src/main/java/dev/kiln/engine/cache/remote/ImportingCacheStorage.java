package dev.kiln.engine.cache.remote;

import dev.kiln.engine.image.ChainIds;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.image.LayerUnpack;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Vertex;
import dev.kiln.solver.cache.CacheKeyRecipe;
import dev.kiln.solver.cache.CacheKeyStorage;
import dev.kiln.solver.cache.CacheRecord;
import dev.kiln.solver.cache.InputComponent;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's cache key storage with imported caches behind it: a key missing locally is looked up
 * in every cache imported by a running build, and on a hit with a result, that result's layer blobs
 * are fetched (those not in the content store), unpacked once per layer stack, and the record saved
 * locally — so the solver sees an ordinary cache hit (CACHED), and only keys the solver actually
 * asks for cost a download. A remote record that cannot be loaded is a miss, never a build failure.
 * Thread-safe.
 */
public final class ImportingCacheStorage implements CacheKeyStorage {
  private static final System.Logger LOG = System.getLogger(ImportingCacheStorage.class.getName());
  /** The op digest recorded for keys that came from an imported cache (explanations only). */
  static final String IMPORTED_OP = "kiln.imported.v0";

  private final CacheKeyStorage local;
  private final ContentFetcher fetcher;
  private final LayerUnpack unpack;
  private final List<ImportedCache> imports = new CopyOnWriteArrayList<>();

  public ImportingCacheStorage(CacheKeyStorage local, ContentFetcher fetcher, LayerUnpack unpack) {
    this.local = local;
    this.fetcher = fetcher;
    this.unpack = unpack;
  }

  /** Makes {@code caches} visible until the returned handle is closed (the end of the build). */
  public AutoCloseable use(List<ImportedCache> caches) {
    imports.addAll(caches);
    return () -> caches.forEach(c -> imports.removeIf(i -> i == c));
  }

  @Override
  public Optional<CacheRecord> load(String key) {
    Optional<CacheRecord> found = local.load(key);
    if (found.isPresent()) return found;
    for (ImportedCache cache : imports) {
      Optional<CacheConfig.Record> record = cache.record(key);
      if (record.isEmpty()) continue;
      try {
        Optional<CacheRecord> loaded = materialize(cache, record.get());
        if (loaded.isPresent()) return loaded;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "imported cache record " + key + " could not be loaded: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * The record under {@code key} as an export sees it: the local one, else an imported one's links
   * without a result (nothing is downloaded). Keeps a re-exported cache shaped like the imported one.
   */
  public Optional<CacheRecord> describe(String key) {
    Optional<CacheRecord> found = local.load(key);
    if (found.isPresent()) return found;
    for (ImportedCache cache : imports) {
      Optional<CacheConfig.Record> record = cache.record(key);
      if (record.isPresent()) {
        return Optional.of(new CacheRecord(key, "", GoTime.ZERO, "", recipe(cache, record.get())));
      }
    }
    return Optional.empty();
  }

  private Optional<CacheRecord> materialize(ImportedCache cache, CacheConfig.Record record) throws IOException {
    Optional<List<ImportedCache.LayerRef>> layers = cache.results(record);
    if (layers.isEmpty()) return Optional.empty();
    List<Digest> chain = ChainIds.of(layers.get().stream().map(ImportedCache.LayerRef::diffId).toList());
    String top = null;
    for (int i = 0; i < chain.size(); i++) {
      ImportedCache.LayerRef layer = layers.get().get(i);
      fetcher.ensure(layer.blob(), cache.fetcher(), null);
      top = unpack.layer(Unpacking.CONTEXT, top, layer.blob(), layer.diffId(), chain.get(i));
    }
    Instant created = record.results().getFirst().createdAt();
    CacheRecord saved = new CacheRecord(record.digest(), SnapshotRefs.resultId(top),
        created.equals(GoTime.ZERO) ? Instant.now() : created, "", recipe(cache, record));
    local.save(saved);
    return Optional.of(saved);
  }

  /** The record's first alternative per input, so a later export from here keeps the links. */
  private static CacheKeyRecipe recipe(ImportedCache cache, CacheConfig.Record record) {
    List<InputComponent> inputs = new ArrayList<>();
    for (int i = 0; i < record.inputs().size(); i++) {
      if (record.inputs().get(i).isEmpty()) continue;
      CacheConfig.Link link = record.inputs().get(i).getFirst();
      inputs.add(new InputComponent.ByKey(i, link.selector(), cache.config().records().get(link.link()).digest()));
    }
    return new CacheKeyRecipe(IMPORTED_OP, 0, inputs);
  }

  @Override
  public void save(CacheRecord record) {
    local.save(record);
  }

  @Override
  public boolean remove(String key) {
    return local.remove(key);
  }

  @Override
  public int removeResult(String resultId) {
    return local.removeResult(resultId);
  }

  @Override
  public List<CacheRecord> findByVertex(String vertexDigest) {
    return local.findByVertex(vertexDigest);
  }

  @Override
  public List<CacheRecord> findByOp(String opDigest) {
    return local.findByOp(opDigest);
  }

  /** Unpacking outside any op: no vertex, no progress, work on the caller's thread. */
  private enum Unpacking implements OpContext {
    CONTEXT;

    @Override
    public Vertex vertex() {
      throw new UnsupportedOperationException("an imported cache layer belongs to no vertex");
    }

    @Override
    public ProgressWriter progress() {
      return new ProgressWriter() {
        @Override
        public void status(String id, String name, long current, long total, Instant started, Instant completed) {}

        @Override
        public void log(int stream, byte[] data) {}
      };
    }

    @Override
    public <T> T heavy(Callable<T> work) throws Exception {
      return work.call();
    }
  }
}
