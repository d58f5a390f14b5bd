package dev.kiln.engine.cache.remote;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.push.ImagePusher;
import dev.kiln.engine.image.BlobFetcher;
import dev.kiln.engine.image.RegistryBlobs;
import dev.kiln.engine.image.BlobSources;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.image.Digests;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.ResolvedManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A cache in a registry ({@code type=registry}): the cache index (or, with {@code image-manifest},
 * the cache manifest) pushed at {@code ref}, after its layer blobs and config (blobs the registry
 * has elsewhere are mounted). Importing reads either; when {@code ref} is an image instead, its
 * inline cache ({@link InlineCache}).
 */
final class RegistryCache {
  private RegistryCache() {}

  static Descriptor push(RegistryClient client, ImagePusher pusher, ContentStore content, ImageRef ref,
      ExportedCache cache, boolean oci, boolean imageManifest) throws IOException {
    Descriptor config = RemoteCaches.store(content, CacheConfig.MEDIA_TYPE, cache.config().toJson());
    List<Descriptor> blobs = new ArrayList<>(cache.blobs());
    blobs.add(config);
    pusher.pushBlobs(client, ref, blobs, null, cache.missing());
    byte[] index = CacheIndex.write(cache, config, oci, imageManifest);
    String mediaType = CacheIndex.mediaType(oci, imageManifest);
    // PUT /v2/<name>/manifests/<tag>
    client.pushManifest(ref, mediaType, index);
    return new Descriptor(mediaType, dev.kiln.llb.Digest.of(index), index.length);
  }

  /** Blobs fetched from {@code ref} are recorded in {@code sources}, so a later push to that registry mounts them. */
  static ImportedCache open(RegistryClient client, ContentFetcher fetcher, BlobSources sources, ImageRef ref)
      throws IOException {
    ResolvedManifest manifest = client.resolve(ref);
    BlobFetcher blobs = new RegistryBlobs(client, ref, sources);
    ImportedCache.BlobOrigin origin = blob -> sources.record(blob, ref.name());
    if (!manifest.isIndex() && !CacheIndex.isCacheManifest(manifest.bytes())) {
      return InlineCache.open(manifest.bytes(), fetcher, blobs, origin);
    }
    CacheIndex.Parsed parsed = CacheIndex.parse(manifest.bytes());
    Descriptor c = parsed.config();
    byte[] config = fetcher.bytes(new dev.kiln.registry.Descriptor(c.mediaType(), Digests.toRegistry(c.digest()), c.size()), blobs);
    return new ImportedCache(CacheConfig.parse(config), parsed.blobs(), blobs, origin);
  }
}
