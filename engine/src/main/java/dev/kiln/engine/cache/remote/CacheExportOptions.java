package dev.kiln.engine.cache.remote;

import dev.kiln.engine.exporter.ClientContentStore;
import dev.kiln.engine.exporter.layer.Compression;
import dev.kiln.engine.exporter.layer.LayerOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code --export-cache} entry, parsed and checked once at the edge (BuildKit's attribute keys).
 *
 * @param dest {@code type=local}: the layout directory
 * @param ref {@code type=registry}: where the cache index is pushed
 * @param ignoreError a failed export is reported, not a failed build
 * @param imageManifest write the cache as an OCI image manifest instead of an index (BuildKit 0.12)
 * @param insecure {@code type=registry}: the registry may be plain HTTP or have an untrusted certificate
 * @param clientStore {@code type=local}: the client's store for {@code dest} through the session, when it
 *     serves one (as buildctl does); the client then writes {@code index.json} and the daemon never opens {@code dest}
 */
public record CacheExportOptions(CacheType type, Optional<Path> dest, String tag, Optional<String> ref,
    CacheMode mode, boolean ociMediaTypes, LayerOptions layers, boolean ignoreError, boolean imageManifest,
    boolean insecure, Optional<ClientContentStore> clientStore) {
  private static final Set<String> KNOWN = Set.of("dest", "tag", "ref", "mode", "oci-mediatypes", "compression",
      "compression-level", "force-compression", "ignore-error", "image-manifest", "registry.insecure");

  public static CacheExportOptions parse(String type, Map<String, String> attrs) {
    CacheType t = CacheType.parse(type);
    for (String key : attrs.keySet()) {
      if (!KNOWN.contains(key)) throw new IllegalArgumentException("unknown --export-cache attribute '" + key + "'");
    }
    boolean oci = Boolean.parseBoolean(attrs.getOrDefault("oci-mediatypes", "true"));
    boolean imageManifest = Boolean.parseBoolean(attrs.getOrDefault("image-manifest", "false"));
    if (imageManifest && !oci) {
      throw new IllegalArgumentException("--export-cache image-manifest=true needs oci-mediatypes=true (it is an OCI manifest)");
    }
    Optional<Path> dest = Optional.ofNullable(attrs.get("dest")).map(Path::of);
    Optional<String> ref = Optional.ofNullable(attrs.get("ref"));
    if (t == CacheType.LOCAL && dest.isEmpty()) throw new IllegalArgumentException("--export-cache type=local needs dest=DIR");
    if (t == CacheType.REGISTRY && ref.isEmpty()) throw new IllegalArgumentException("--export-cache type=registry needs ref=REF");
    Compression compression = Compression.parse(attrs.getOrDefault("compression", "gzip"));
    int level = attrs.containsKey("compression-level")
        ? Integer.parseInt(attrs.get("compression-level")) : compression.defaultLevel();
    // BuildKit: min unless asked; inline can only carry the final result's chain.
    CacheMode mode = CacheMode.parse(attrs.getOrDefault("mode", "min"));
    return new CacheExportOptions(t, dest, attrs.getOrDefault("tag", "latest"), ref, mode,
        oci, new LayerOptions(compression, level, Optional.empty()),
        Boolean.parseBoolean(attrs.getOrDefault("ignore-error", "false")), imageManifest,
        Boolean.parseBoolean(attrs.getOrDefault("registry.insecure", "false")), Optional.empty());
  }

  /** The same export, written into the client's store instead of the path {@code dest}. */
  public CacheExportOptions withClientStore(ClientContentStore store) {
    return new CacheExportOptions(type, dest, tag, ref, mode, ociMediaTypes, layers, ignoreError, imageManifest, insecure,
        Optional.of(store));
  }
}
