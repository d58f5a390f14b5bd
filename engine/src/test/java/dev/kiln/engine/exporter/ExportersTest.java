package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.exporter.oci.TarballExporter;
import dev.kiln.engine.exporter.oci.TarballFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportersTest {
  private final Exporters exporters = Exporters.of(List.of(
      new TarballExporter(TarballFormat.OCI, null, null), new TarballExporter(TarballFormat.DOCKER, null, null)));

  @Test
  void resolvesByTypeAndValidatesAttrsUpFront() {
    assertThat(exporters.resolve("oci", Map.of("name", "a", "tar", "true"))).isNotNull();
    assertThatThrownBy(() -> exporters.resolve("docker", Map.of("push", "true")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("push"));
    assertThat(exporters.resolve("oci", Map.of("tar", "false"))).isInstanceOf(DirectoryExport.class);
    assertThat(exporters.resolve("oci", Map.of("tar", "true"))).isNotInstanceOf(DirectoryExport.class);
    assertThatThrownBy(() -> exporters.resolve("oci", Map.of("tar", "maybe")))
        .isInstanceOfSatisfying(ExporterOptionException.class, e -> assertThat(e.key()).isEqualTo("tar"));
    assertThatThrownBy(() -> exporters.resolve("registry", Map.of()))
        .hasMessageContaining("unknown exporter 'registry'").hasMessageContaining("docker, oci");
  }
}
