package dev.kiln.engine.cache.remote;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.push.ImagePusher;
import dev.kiln.engine.exporter.push.PushClients;
import dev.kiln.engine.image.BlobSources;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.llb.Digest;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cache export and import for builds ({@code --export-cache}, {@code --import-cache}): the one
 * place that knows each cache type's store. Thread-safe.
 */
public final class RemoteCaches {
  private static final System.Logger LOG = System.getLogger(RemoteCaches.class.getName());

  private final ImportingCacheStorage storage;
  private final CacheWalk walk;
  private final ContentFetcher fetcher;
  private final PushClients registries;
  private final ImagePusher pusher;
  private final BlobSources sources;

  /** {@code registries} gives the client for a registry, or for one reached insecurely ({@code registry.insecure}). */
  public RemoteCaches(ImportingCacheStorage storage, CacheWalk walk, ContentFetcher fetcher, PushClients registries,
      ImagePusher pusher, BlobSources sources) {
    this.sources = sources;
    this.storage = storage;
    this.walk = walk;
    this.fetcher = fetcher;
    this.registries = registries;
    this.pusher = pusher;
  }

  /**
   * Opens every import and makes its records visible to the solver until the handle is closed. An
   * import that cannot be read (no such tag, unreachable registry) is skipped with a warning, as
   * BuildKit does: the build then simply runs.
   */
  public AutoCloseable importing(List<CacheImportOptions> imports) {
    List<ImportedCache> opened = new ArrayList<>();
    for (CacheImportOptions o : imports) {
      try {
        opened.add(open(o));
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cache import " + o + " skipped: " + e.getMessage());
      }
    }
    return storage.use(opened);
  }

  ImportedCache open(CacheImportOptions o) throws IOException {
    return switch (o.type()) {
      case LOCAL -> o.clientStore().isPresent()
          ? ClientCacheStore.open(o.clientStore().get(), o.digest())
          : LocalCacheDir.open(o.src().orElseThrow(), o.tag(), o.digest());
      case REGISTRY -> {
        ImageRef ref = ImageRef.parse(o.ref().orElseThrow());
        yield RegistryCache.open(client(ref, o.insecure()), fetcher, sources, ref);
      }
      case INLINE -> throw new IllegalArgumentException("an inline cache is imported from its image with type=registry");
    };
  }

  /**
   * Exports the cache of a result known under {@code finalKeys}; returns the cache index's descriptor
   * (the {@code cache.manifest} of BuildKit's response). With {@code ignore-error} a failure is a
   * warning and the result empty.
   */
  public Optional<Descriptor> export(List<String> finalKeys, CacheExportOptions o) throws IOException {
    try {
      ExportedCache cache = walk.export(finalKeys, o.mode(), o.layers());
      return Optional.of(switch (o.type()) {
        case LOCAL -> o.clientStore().isPresent()
            ? ClientCacheStore.write(o.clientStore().get(), cache, fetcher.store(), o.ociMediaTypes(), o.imageManifest())
            : LocalCacheDir.write(o.dest().orElseThrow(), o.tag(), cache, fetcher.store(), o.ociMediaTypes(),
                o.imageManifest());
        case REGISTRY -> {
          ImageRef ref = ImageRef.parse(o.ref().orElseThrow());
          yield RegistryCache.push(client(ref, o.insecure()), pusher, fetcher.store(), ref, cache, o.ociMediaTypes(),
              o.imageManifest());
        }
        case INLINE -> throw new IllegalArgumentException("an inline cache is written by the image exporter");
      });
    } catch (IOException | RuntimeException e) {
      if (!o.ignoreError()) throw e;
      LOG.log(System.Logger.Level.WARNING, "cache export to " + o.type() + " failed (ignored): " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The client for {@code ref}'s registry; with {@code insecure}, one allowed plain HTTP and unverified TLS there. */
  private RegistryClient client(ImageRef ref, boolean insecure) {
    return registries.client(insecure ? Set.of(ref.registry()) : Set.of());
  }

  /** The exported cache's records as a value, for the image exporter's inline cache. */
  public ExportedCache walk(List<String> finalKeys, CacheExportOptions o) throws IOException {
    return walk.export(finalKeys, o.mode(), o.layers());
  }

  static Descriptor store(ContentStore content, String mediaType, byte[] bytes) throws IOException {
    Digest d = content.write(new ByteArrayInputStream(bytes), Digest.of(bytes), bytes.length);
    return new Descriptor(mediaType, d, bytes.length);
  }
}
