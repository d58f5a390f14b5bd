package dev.kiln.engine.cache.remote;

import dev.kiln.registry.MediaTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.DescriptorJson;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The cache "manifest": an image index listing every layer blob of the cache and, last, the config
 * document ({@link CacheConfig#MEDIA_TYPE}); a docker manifest list when OCI media types are off.
 * With {@code image-manifest=true} (BuildKit 0.12 and later) an OCI image manifest instead, whose
 * config is the cache config and whose layers are the blobs, for registries that refuse indexes
 * naming blobs. Both are read back.
 */
public final class CacheIndex {
  public static final String OCI_INDEX = MediaTypes.OCI_INDEX;
  public static final String DOCKER_LIST = MediaTypes.DOCKER_MANIFEST_LIST;
  public static final String OCI_MANIFEST = MediaTypes.OCI_MANIFEST;

  private CacheIndex() {}

  /** The media type of the document {@link #write} makes. */
  public static String mediaType(boolean ociMediaTypes, boolean imageManifest) {
    return imageManifest ? OCI_MANIFEST : ociMediaTypes ? OCI_INDEX : DOCKER_LIST;
  }

  /** Field order as Go's {@code ocispecs.Index} and {@code ocispecs.Manifest} serialise. */
  public static byte[] write(ExportedCache cache, Descriptor config, boolean ociMediaTypes, boolean imageManifest) {
    ObjectNode root = DescriptorJson.MAPPER.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", mediaType(ociMediaTypes, imageManifest));
    if (imageManifest) {
      root.set("config", DescriptorJson.of(config));
      ArrayNode layers = root.putArray("layers");
      cache.blobs().forEach(b -> layers.add(DescriptorJson.of(b)));
    } else {
      ArrayNode manifests = root.putArray("manifests");
      cache.blobs().forEach(b -> manifests.add(DescriptorJson.of(b)));
      manifests.add(DescriptorJson.of(config));
    }
    try {
      return DescriptorJson.MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A parsed cache index: the config's descriptor and the layer blobs by digest. */
  public record Parsed(Descriptor config, Map<String, Descriptor> blobs) {}

  /** True for an image manifest whose config is a cache config (not an image with an inline cache). */
  public static boolean isCacheManifest(byte[] json) throws IOException {
    JsonNode config = DescriptorJson.MAPPER.readTree(json).path("config");
    return CacheConfig.MEDIA_TYPE.equals(config.path("mediaType").asText());
  }

  public static Parsed parse(byte[] json) throws IOException {
    JsonNode root = DescriptorJson.MAPPER.readTree(json);
    Descriptor config = null;
    Map<String, Descriptor> blobs = new HashMap<>();
    JsonNode listed = root.has("manifests") ? root.path("manifests") : root.path("layers");
    if (root.has("config")) config = descriptor(root.path("config"));
    for (JsonNode m : listed) {
      Descriptor d = descriptor(m);
      if (CacheConfig.MEDIA_TYPE.equals(d.mediaType())) {
        config = d;
      } else {
        blobs.put(d.digest().value(), d);
      }
    }
    if (config == null || !CacheConfig.MEDIA_TYPE.equals(config.mediaType())) {
      throw new IOException("not a cache index or manifest: it names no " + CacheConfig.MEDIA_TYPE + " config");
    }
    return new Parsed(config, blobs);
  }

  private static Descriptor descriptor(JsonNode m) {
    Map<String, String> annotations = new HashMap<>();
    m.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new Descriptor(m.path("mediaType").asText(), Digest.parse(m.path("digest").asText()),
        m.path("size").asLong(), annotations);
  }
}
