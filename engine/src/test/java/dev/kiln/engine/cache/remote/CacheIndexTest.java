package dev.kiln.engine.cache.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.exporter.BlobSupply;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.llb.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache document in both of BuildKit's shapes: an index (the default) and an OCI image manifest. */
class CacheIndexTest {
  private static final Digest LAYER = Digest.of("layer".getBytes(StandardCharsets.UTF_8));
  private static final Digest CONFIG = Digest.of("config".getBytes(StandardCharsets.UTF_8));
  private static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  private final ExportedCache cache = new ExportedCache(new CacheConfig(List.of(), List.of()),
      List.of(new Descriptor(GZIP, LAYER, 5, Map.of(ExportedCache.UNCOMPRESSED, CONFIG.value()))), BlobSupply.NONE);
  private final Descriptor config = new Descriptor(CacheConfig.MEDIA_TYPE, CONFIG, 6);

  @Test
  void imageManifestIsAnOciManifestWithTheCacheConfigAsConfigAndTheBlobsAsLayers() throws Exception {
    byte[] json = CacheIndex.write(cache, config, true, true);
    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":2,"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.buildkit.cacheconfig.v0\",\"digest\":\"" + CONFIG.value() + "\",\"size\":6},"
        + "\"layers\":[{\"mediaType\":\"" + GZIP + "\",\"digest\":\"" + LAYER.value() + "\",\"size\":5,"
        + "\"annotations\":{\"containerd.io/uncompressed\":\"" + CONFIG.value() + "\"}}]}");
    assertThat(CacheIndex.mediaType(true, true)).isEqualTo(CacheIndex.OCI_MANIFEST);
    assertThat(CacheIndex.isCacheManifest(json)).isTrue();
    CacheIndex.Parsed parsed = CacheIndex.parse(json);
    assertThat(parsed.config().digest()).isEqualTo(CONFIG);
    assertThat(parsed.blobs()).containsOnlyKeys(LAYER.value());
    assertThat(parsed.blobs().get(LAYER.value()).annotations()).containsEntry(ExportedCache.UNCOMPRESSED, CONFIG.value());
  }

  @Test
  void indexListsTheBlobsThenTheConfig() throws Exception {
    byte[] json = CacheIndex.write(cache, config, false, false);
    assertThat(new String(json, StandardCharsets.UTF_8))
        .startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + CacheIndex.DOCKER_LIST + "\",\"manifests\":[{")
        .endsWith("{\"mediaType\":\"application/vnd.buildkit.cacheconfig.v0\",\"digest\":\"" + CONFIG.value() + "\",\"size\":6}]}");
    assertThat(CacheIndex.isCacheManifest(json)).isFalse();
    assertThat(CacheIndex.parse(json).blobs()).containsOnlyKeys(LAYER.value());
  }

  @Test
  void anImageManifestIsNotACache() {
    byte[] image = ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
        + "\"digest\":\"" + CONFIG.value() + "\",\"size\":6},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CacheIndex.parse(image)).hasMessageContaining("names no application/vnd.buildkit.cacheconfig.v0");
  }
}
