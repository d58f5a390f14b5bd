package dev.kiln.engine.cache.remote;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.ClientContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.image.BlobFetcher;
import dev.kiln.llb.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A {@code type=local} cache in the client's content store, reached through the session as BuildKit's
 * local cache exporter and importer do: the layer blobs, the config and the cache index are written
 * as blobs (children first), and the client names the index in its {@code index.json} from the
 * {@code cache.manifest} response; an import starts from the digest the client resolved.
 */
final class ClientCacheStore {
  private ClientCacheStore() {}

  /** Writes {@code cache}; returns the cache index's descriptor. */
  static Descriptor write(ClientContentStore store, ExportedCache cache, ContentStore content, boolean oci,
      boolean imageManifest) throws IOException {
    for (Descriptor b : cache.blobs()) {
      store.write(ClientContentStore.refKey(b), b, () -> {
        if (!content.exists(b.digest())) cache.missing().fetch(b.digest());
        return content.open(b.digest());
      });
    }
    byte[] configJson = cache.config().toJson();
    Descriptor config = new Descriptor(CacheConfig.MEDIA_TYPE, Digest.of(configJson), configJson.length);
    store.write(ClientContentStore.refKey(config), config, () -> new ByteArrayInputStream(configJson));
    byte[] indexJson = CacheIndex.write(cache, config, oci, imageManifest);
    Descriptor index = new Descriptor(CacheIndex.mediaType(oci, imageManifest), Digest.of(indexJson), indexJson.length);
    store.write(ClientContentStore.refKey(index), index, () -> new ByteArrayInputStream(indexJson));
    return index;
  }

  /** Reads the cache whose index is {@code digest}; layer blobs are read from the store when a result needs them. */
  static ImportedCache open(ClientContentStore store, String digest) throws IOException {
    if (digest.isEmpty()) {
      throw new IOException("a local cache read through the session needs the digest of its index (the client resolves the tag)");
    }
    CacheIndex.Parsed parsed = CacheIndex.parse(read(store, Digest.parse(digest)));
    byte[] config = read(store, parsed.config().digest());
    BlobFetcher fetcher = (blob, sink) -> {
      try (InputStream in = store.open(dev.kiln.engine.image.Digests.of(blob.digest())); OutputStream out = sink.open(0)) {
        in.transferTo(out);
      }
      sink.commit(blob);
    };
    return new ImportedCache(CacheConfig.parse(config), parsed.blobs(), fetcher, ImportedCache.BlobOrigin.NONE);
  }

  private static byte[] read(ClientContentStore store, Digest digest) throws IOException {
    try (InputStream in = store.open(digest)) {
      byte[] bytes = in.readAllBytes();
      if (!Digest.of(bytes).equals(digest)) throw new IOException("the client's cache blob " + digest + " does not match its digest");
      return bytes;
    }
  }
}
