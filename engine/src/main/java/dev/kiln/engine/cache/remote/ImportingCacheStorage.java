package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.ResultContent;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.image.Digests;
import dev.kiln.engine.image.LayerUnpack;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.solver.Result;
import dev.kiln.solver.SharedResult;
import dev.kiln.solver.cache.CacheKeyRecipe;
import dev.kiln.solver.cache.CacheKeyStorage;
import dev.kiln.solver.cache.CacheRecord;
import dev.kiln.solver.cache.InputComponent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's cache key storage with imported caches behind it: a key missing locally is looked up
 * in every cache imported by a running build. A hit with a result is lazy: its result id names the
 * record's layer chain ({@link RemoteChain}), which {@link #remoteResult} turns into a solver result
 * known by descriptors alone. The chain is fetched and unpacked only when something needs its files
 * (an op using it as input, an exporter writing files); then the records that named it are saved
 * locally on the snapshot. The solver sees an ordinary cache hit (CACHED). A remote record that
 * cannot be read is a miss, never a build failure. Records naming a chain are never saved locally:
 * the chain exists only while its import is open. Thread-safe.
 */
public final class ImportingCacheStorage implements CacheKeyStorage, CacheWalk.RemoteResults {
  private static final System.Logger LOG = System.getLogger(ImportingCacheStorage.class.getName());
  /** The op digest recorded for keys that came from an imported cache (explanations only). */
  static final String IMPORTED_OP = "kiln.imported.v0";
  private static final String REMOTE = "remote:";

  private final CacheKeyStorage local;
  private final ContentFetcher fetcher;
  private final LayerUnpack unpack;
  private final SnapshotStore snapshots;
  private final List<ImportedCache> imports = new CopyOnWriteArrayList<>();

  public ImportingCacheStorage(CacheKeyStorage local, ContentFetcher fetcher, LayerUnpack unpack, SnapshotStore snapshots) {
    this.local = local;
    this.fetcher = fetcher;
    this.unpack = unpack;
    this.snapshots = snapshots;
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
        Optional<CacheRecord> lazy = lazy(cache, record.get());
        if (lazy.isPresent()) return lazy;
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "imported cache record " + key + " could not be loaded: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * The record under {@code key} as an export sees it: the local one, else an imported one, with
   * its lazy result if it has one (nothing is downloaded). Keeps a re-exported cache shaped like the
   * imported one.
   */
  public Optional<CacheRecord> describe(String key) {
    Optional<CacheRecord> found = load(key);
    if (found.isPresent()) return found;
    for (ImportedCache cache : imports) {
      Optional<CacheConfig.Record> record = cache.record(key);
      if (record.isPresent()) {
        return Optional.of(new CacheRecord(key, "", GoTime.ZERO, "", recipe(cache, record.get())));
      }
    }
    return Optional.empty();
  }

  /**
   * The solver result behind a lazy result id, a new handle the caller owns; empty for other ids and
   * for chains whose import was closed.
   */
  public Optional<Result> remoteResult(String resultId) {
    return chain(resultId).map(chain -> SharedResult.of(resultId, new LazyResult(chain, snapshots), LazyResult::release));
  }

  /** The layers of a lazy result id, base first, as a cache export lists them. */
  @Override
  public Optional<List<ResultContent.Layer>> layers(String resultId) {
    return chain(resultId).map(RemoteChain::layers);
  }

  @Override
  public void fetchBlob(String resultId, Digest blob) throws IOException {
    RemoteChain chain = chain(resultId).orElseThrow(() -> new IOException("the import of " + resultId + " was closed"));
    chain.fetchBlob(blob);
  }

  private Optional<RemoteChain> chain(String resultId) {
    if (!resultId.startsWith(REMOTE)) return Optional.empty();
    for (ImportedCache cache : imports) {
      String prefix = REMOTE + cache.id() + "/";
      if (resultId.startsWith(prefix)) {
        return Optional.ofNullable(cache.chains.get(Integer.parseInt(resultId.substring(prefix.length()))));
      }
    }
    return Optional.empty();
  }

  /** The record with a result naming its layer chain; the local snapshot once it was materialised. */
  private Optional<CacheRecord> lazy(ImportedCache cache, CacheConfig.Record record) throws IOException {
    Optional<List<ImportedCache.LayerRef>> layers = cache.results(record);
    if (layers.isEmpty()) return Optional.empty();
    int top = record.results().getFirst().layer();
    RemoteChain chain = cache.chains.get(top);
    if (chain == null) {
      // Pushes of this result to the cache's registry mount these blobs instead of uploading them.
      for (ImportedCache.LayerRef l : layers.get()) cache.origin().remember(Digests.of(l.blob().digest()));
      chain = cache.chains.computeIfAbsent(top, t -> new RemoteChain(REMOTE + cache.id() + "/" + t, layers.get(),
          cache, fetcher, unpack, (pointing, snapshot) -> local.save(onSnapshot(pointing, snapshot))));
    }
    Instant created = record.results().getFirst().createdAt();
    CacheRecord lazy = new CacheRecord(record.digest(), chain.resultId(),
        created.equals(GoTime.ZERO) ? Instant.now() : created, "", recipe(cache, record));
    Optional<String> materialised = chain.pointedAtBy(lazy);
    if (materialised.isEmpty()) return Optional.of(lazy);
    CacheRecord saved = onSnapshot(lazy, materialised.get());
    local.save(saved);
    return Optional.of(saved);
  }

  private static CacheRecord onSnapshot(CacheRecord lazy, String snapshotId) {
    return new CacheRecord(lazy.key(), SnapshotRefs.resultId(snapshotId), lazy.createdAt(), "", lazy.recipe());
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

  /** Lazy results are not saved: they name a chain that exists only while its import is open. */
  @Override
  public void save(CacheRecord record) {
    if (!record.resultId().startsWith(REMOTE)) local.save(record);
  }

  @Override
  public boolean remove(String key) {
    return local.remove(key);
  }

  @Override
  public int removeResult(String resultId) {
    return resultId.startsWith(REMOTE) ? 0 : local.removeResult(resultId);
  }

  @Override
  public List<CacheRecord> findByVertex(String vertexDigest) {
    return local.findByVertex(vertexDigest);
  }

  @Override
  public List<CacheRecord> findByOp(String opDigest) {
    return local.findByOp(opDigest);
  }
}
