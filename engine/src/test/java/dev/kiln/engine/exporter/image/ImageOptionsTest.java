package dev.kiln.engine.exporter.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.exporter.ExporterOptionException;
import dev.kiln.engine.exporter.layer.Compression;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageOptionsTest {
  private static ImageOptions parse(Map<String, String> attrs) {
    return ImageOptions.parse(attrs, false, List.of());
  }

  @Test
  void defaultsAreGzipDockerMediaTypesNoNames() {
    ImageOptions o = parse(Map.of());
    assertThat(o.layers().compression()).isEqualTo(Compression.GZIP);
    assertThat(o.layers().level()).isEqualTo(6);
    assertThat(o.ociMediaTypes()).isFalse();
    assertThat(o.names()).isEmpty();
    assertThat(o.sourceDateEpoch()).isEmpty();
  }

  @Test
  void parsesEveryImageKey() {
    ImageOptions o = parse(Map.of("name", "a, reg.io:5000/b/c:t", "compression", "zstd", "compression-level", "19",
        "force-compression", "true", "source-date-epoch", "42", "rewrite-timestamp", "", "annotation.org.x", "1",
        "annotation-manifest-descriptor[linux/amd64].d", "2", "annotation-index.i", "3", "buildinfo", "false"));
    assertThat(o.nameList()).isEqualTo("docker.io/library/a:latest,reg.io:5000/b/c:t");
    assertThat(o.layers().compression()).isEqualTo(Compression.ZSTD);
    assertThat(o.ociMediaTypes()).as("zstd layers exist only as OCI media types").isTrue();
    assertThat(o.forceCompression()).isTrue();
    assertThat(o.layers().clampMtime()).contains(Instant.ofEpochSecond(42));
    assertThat(o.annotations().manifest()).containsEntry("org.x", "1");
    assertThat(o.annotations().manifestDescriptor()).containsEntry("d", "2");
    assertThat(o.annotations().index()).containsEntry("i", "3");
  }

  @Test
  void epochsPast2038Parse() {
    assertThat(parse(Map.of("source-date-epoch", "4102444800")).sourceDateEpoch())
        .contains(Instant.parse("2100-01-01T00:00:00Z"));
  }

  @Test
  void errorsNameTheBadKey() {
    assertThatThrownBy(() -> parse(Map.of("naem", "x")))
        .isInstanceOf(ExporterOptionException.class).hasMessageContaining("'naem'");
    assertThatThrownBy(() -> parse(Map.of("compression-level", "12")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("compression-level"));
    assertThatThrownBy(() -> parse(Map.of("compression", "lz4")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("compression"));
    assertThatThrownBy(() -> parse(Map.of("oci-mediatypes", "yes")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("oci-mediatypes"));
    assertThatThrownBy(() -> parse(Map.of("rewrite-timestamp", "true")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("rewrite-timestamp"));
    assertThatThrownBy(() -> parse(Map.of("name", "UPPER")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("name"));
    assertThatThrownBy(() -> parse(Map.of("annotation", "x")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("annotation"));
  }
}
