package dev.kiln.engine.cache.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.image.BlobFetcher;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inline cache: the records of a cache, base64 JSON under {@value #KEY} at the top of an image
 * config, with result layers that are indexes into the image's own {@code layers[]} (a result is
 * that layer and every one below it). Records whose layers are not a prefix of the image keep no
 * result.
 */
public final class InlineCache {
  public static final String KEY = "moby.buildkit.cache.v0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private InlineCache() {}

  /**
   * The value to put under {@value #KEY} in the image of the result under {@code finalKey} (its
   * layers are that result's chain, which the cache was built with the image's layer options for).
   */
  public static String encode(ExportedCache cache, String finalKey) throws IOException {
    List<Digest> imageLayers = new ArrayList<>();
    for (CacheConfig.Record r : cache.config().records()) {
      if (!r.digest().equals(finalKey) || r.results().isEmpty()) continue;
      for (int i : cache.config().chain(r.results().getFirst().layer())) {
        imageLayers.add(Digest.parse(cache.config().layers().get(i).blob()));
      }
    }
    List<CacheConfig.Record> records = new ArrayList<>();
    for (CacheConfig.Record r : cache.config().records()) {
      List<CacheConfig.Result> results = new ArrayList<>();
      for (CacheConfig.Result res : r.results()) {
        List<Integer> chain = cache.config().chain(res.layer());
        if (isPrefix(cache.config(), chain, imageLayers)) results.add(new CacheConfig.Result(chain.size() - 1, res.createdAt()));
      }
      records.add(new CacheConfig.Record(r.digest(), results, r.inputs()));
    }
    byte[] json = JSON.writeValueAsBytes(CacheConfig.recordsJson(records));
    return Base64.getEncoder().encodeToString(json);
  }

  private static boolean isPrefix(CacheConfig config, List<Integer> chain, List<Digest> imageLayers) {
    if (chain.size() > imageLayers.size()) return false;
    for (int i = 0; i < chain.size(); i++) {
      if (!config.layers().get(chain.get(i)).blob().equals(imageLayers.get(i).value())) return false;
    }
    return true;
  }

  /** Reads the inline cache of an image manifest (an empty cache when its config has none). */
  static ImportedCache open(byte[] manifestJson, ContentFetcher fetcher, BlobFetcher blobs, ImportedCache.BlobOrigin origin)
      throws IOException {
    JsonNode manifest = JSON.readTree(manifestJson);
    JsonNode c = manifest.path("config");
    byte[] configJson = fetcher.bytes(new dev.kiln.registry.Descriptor(c.path("mediaType").asText(),
        dev.kiln.registry.Digest.parse(c.path("digest").asText()), c.path("size").asLong()), blobs);
    JsonNode config = JSON.readTree(configJson);
    JsonNode diffIds = config.path("rootfs").path("diff_ids");
    List<CacheConfig.Layer> layers = new ArrayList<>();
    Map<String, Descriptor> byDigest = new HashMap<>();
    int i = 0;
    for (JsonNode l : manifest.path("layers")) {
      String digest = l.path("digest").asText();
      layers.add(new CacheConfig.Layer(digest, i - 1));
      byDigest.put(digest, new Descriptor(l.path("mediaType").asText(), Digest.parse(digest), l.path("size").asLong(),
          Map.of(ExportedCache.UNCOMPRESSED, diffIds.path(i).asText())));
      i++;
    }
    String inline = config.path(KEY).asText("");
    List<CacheConfig.Record> records = inline.isEmpty() ? List.of()
        : CacheConfig.records(JSON.readTree(new String(Base64.getDecoder().decode(inline), StandardCharsets.UTF_8)));
    return new ImportedCache(new CacheConfig(layers, records), byDigest, blobs, origin);
  }
}
