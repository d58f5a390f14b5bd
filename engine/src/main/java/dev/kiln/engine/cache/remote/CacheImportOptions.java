package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.ClientContentStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code --import-cache} entry: a local layout directory ({@code src}, with {@code digest} or
 * {@code tag}), or a registry reference holding a cache index or manifest, or an image with an inline
 * cache; {@code registry.insecure=true} allows a plain-HTTP or untrusted-TLS registry. A local cache
 * is read through {@code clientStore} when the client serves {@code src} over the session (as buildctl
 * does, having resolved the tag to {@code digest}); the daemon then never opens {@code src}.
 */
public record CacheImportOptions(CacheType type, Optional<Path> src, String tag, String digest, Optional<String> ref,
    boolean insecure, Optional<ClientContentStore> clientStore) {
  public static CacheImportOptions parse(String type, Map<String, String> attrs) {
    CacheType t = CacheType.parse(type);
    Optional<Path> src = Optional.ofNullable(attrs.get("src")).map(Path::of);
    Optional<String> ref = Optional.ofNullable(attrs.get("ref"));
    if (t == CacheType.LOCAL && src.isEmpty()) throw new IllegalArgumentException("--import-cache type=local needs src=DIR");
    if (t == CacheType.REGISTRY && ref.isEmpty()) throw new IllegalArgumentException("--import-cache type=registry needs ref=REF");
    if (t == CacheType.INLINE) throw new IllegalArgumentException("--import-cache takes type=registry,ref=IMAGE for an inline cache");
    return new CacheImportOptions(t, src, attrs.getOrDefault("tag", "latest"), attrs.getOrDefault("digest", ""), ref,
        Boolean.parseBoolean(attrs.getOrDefault("registry.insecure", "false")), Optional.empty());
  }

  /** The same import, read from the client's store instead of the path {@code src}. */
  public CacheImportOptions withClientStore(ClientContentStore store) {
    return new CacheImportOptions(type, src, tag, digest, ref, insecure, Optional.of(store));
  }
}
