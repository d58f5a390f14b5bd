package dev.kiln.engine.cache.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache config document in BuildKit's exact JSON shape, Go {@code omitempty} quirks included. */
class CacheConfigTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.120Z");

  private static CacheConfig sample() {
    return new CacheConfig(
        List.of(new CacheConfig.Layer("sha256:aa", -1), new CacheConfig.Layer("sha256:bb", 0),
            new CacheConfig.Layer("sha256:cc", 1)),
        List.of(new CacheConfig.Record("sha256:k0", List.of(), List.of()),
            new CacheConfig.Record("sha256:k1", List.of(new CacheConfig.Result(2, T)),
                List.of(List.of(new CacheConfig.Link(0, "")), List.of(new CacheConfig.Link(0, "/src"))))));
  }

  @Test
  void writesGoShapedJson() {
    String json = new String(sample().toJson(), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"layers\":[{\"blob\":\"sha256:aa\",\"parent\":-1},{\"blob\":\"sha256:bb\"},"
        + "{\"blob\":\"sha256:cc\",\"parent\":1}],\"records\":[{\"digest\":\"sha256:k0\"},"
        + "{\"layers\":[{\"layer\":2,\"createdAt\":\"2026-01-02T03:04:05.12Z\"}],\"digest\":\"sha256:k1\","
        + "\"inputs\":[[{\"link\":0}],[{\"selector\":\"/src\",\"link\":0}]]}]}");
  }

  @Test
  void readsWhatItWritesAndAMissingParentMeansLayerZero() throws Exception {
    CacheConfig back = CacheConfig.parse(sample().toJson());
    assertThat(back).isEqualTo(sample());
    assertThat(back.chain(2)).containsExactly(0, 1, 2);
    CacheConfig fromBuildKit = CacheConfig.parse(("{\"layers\":[{\"blob\":\"sha256:aa\",\"parent\":-1},{\"blob\":\"sha256:bb\"}],"
        + "\"records\":[{\"layers\":[{\"layer\":1,\"createdAt\":\"0001-01-01T00:00:00Z\"}],\"digest\":\"sha256:k\"}]}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(fromBuildKit.chain(1)).containsExactly(0, 1);
    assertThat(fromBuildKit.records().getFirst().results().getFirst().createdAt()).isEqualTo(GoTime.ZERO);
  }

  @Test
  void aParentCycleIsAnError() {
    CacheConfig loop = new CacheConfig(List.of(new CacheConfig.Layer("sha256:aa", 1), new CacheConfig.Layer("sha256:bb", 0)), List.of());
    assertThatThrownBy(() -> loop.chain(1)).hasMessageContaining("broken parent chain");
  }

  @Test
  void goTimeDropsTrailingZerosAndWritesTheZeroTime() {
    assertThat(GoTime.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(GoTime.format(Instant.parse("2026-01-02T03:04:05.000000123Z"))).isEqualTo("2026-01-02T03:04:05.000000123Z");
    assertThat(GoTime.format(GoTime.ZERO)).isEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void optionsAreCheckedAtTheEdge() {
    CacheExportOptions o = CacheExportOptions.parse("local", Map.of("dest", "/tmp/c"));
    assertThat(o.mode()).isEqualTo(CacheMode.MIN);
    assertThat(o.tag()).isEqualTo("latest");
    assertThat(o.ociMediaTypes()).isTrue();
    assertThatThrownBy(() -> CacheExportOptions.parse("registry", Map.of())).hasMessageContaining("ref=");
    assertThatThrownBy(() -> CacheExportOptions.parse("local", Map.of("dest", "d", "colour", "x"))).hasMessageContaining("'colour'");
    assertThatThrownBy(() -> CacheExportOptions.parse("s3", Map.of())).hasMessageContaining("'s3'");
    assertThatThrownBy(() -> CacheExportOptions.parse("local", Map.of("dest", "d", "mode", "all"))).hasMessageContaining("min or max");
    assertThat(CacheImportOptions.parse("local", Map.of("src", "/c", "digest", "sha256:ab")).digest()).isEqualTo("sha256:ab");
  }

  @Test
  void imageManifestNeedsOciMediaTypesAndRegistryInsecureIsKept() {
    Map<String, String> attrs = Map.of("ref", "r.example/c:1", "image-manifest", "true", "registry.insecure", "true");
    CacheExportOptions o = CacheExportOptions.parse("registry", attrs);
    assertThat(o.imageManifest()).isTrue();
    assertThat(o.insecure()).isTrue();
    assertThat(CacheExportOptions.parse("registry", Map.of("ref", "r.example/c:1")).insecure()).isFalse();
    assertThatThrownBy(() -> CacheExportOptions.parse("local", Map.of("dest", "d", "image-manifest", "true",
        "oci-mediatypes", "false"))).hasMessageContaining("oci-mediatypes=true");
    assertThat(CacheImportOptions.parse("registry", Map.of("ref", "r.example/c:1", "registry.insecure", "true")).insecure())
        .isTrue();
  }
}
