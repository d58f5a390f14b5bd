package dev.kiln.engine.cache.remote;

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
 * document ({@link CacheConfig#MEDIA_TYPE}). A docker manifest list when OCI media types are off.
 */
public final class CacheIndex {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

  private CacheIndex() {}

  public static byte[] write(ExportedCache cache, Descriptor config, boolean ociMediaTypes) {
    ObjectNode root = DescriptorJson.MAPPER.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", ociMediaTypes ? OCI_INDEX : DOCKER_LIST);
    ArrayNode manifests = root.putArray("manifests");
    cache.blobs().forEach(b -> manifests.add(DescriptorJson.of(b)));
    manifests.add(DescriptorJson.of(config));
    try {
      return DescriptorJson.MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A parsed cache index: the config's descriptor and the layer blobs by digest. */
  public record Parsed(Descriptor config, Map<String, Descriptor> blobs) {}

  public static Parsed parse(byte[] json) throws IOException {
    JsonNode root = DescriptorJson.MAPPER.readTree(json);
    Descriptor config = null;
    Map<String, Descriptor> blobs = new HashMap<>();
    for (JsonNode m : root.path("manifests")) {
      Map<String, String> annotations = new HashMap<>();
      m.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
      Descriptor d = new Descriptor(m.path("mediaType").asText(), Digest.parse(m.path("digest").asText()),
          m.path("size").asLong(), annotations);
      if (CacheConfig.MEDIA_TYPE.equals(d.mediaType())) {
        config = d;
      } else {
        blobs.put(d.digest().value(), d);
      }
    }
    if (config == null) {
      throw new IOException("not a cache index: no " + CacheConfig.MEDIA_TYPE + " descriptor among its manifests");
    }
    return new Parsed(config, blobs);
  }
}
