package dev.kiln.daemon.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.proto.control.Exporter;
import dev.kiln.proto.control.SolveRequest;
import org.junit.jupiter.api.Test;

class ExportSpecTest {
  @Test
  void readsTheLegacyFieldOrTheExporterList() throws Exception {
    assertThat(ExportSpec.of(SolveRequest.newBuilder().setExporter("local").build())).isInstanceOf(ExportSpec.Local.class);
    assertThat(ExportSpec.of(SolveRequest.newBuilder().addExporters(Exporter.newBuilder().setType("tar")).build()))
        .isInstanceOf(ExportSpec.Tar.class);
    assertThat(ExportSpec.of(SolveRequest.getDefaultInstance())).isInstanceOf(ExportSpec.None.class);
    assertThat(ExportSpec.of(SolveRequest.newBuilder().setExporter("image").putExporterAttrs("name", "a/b").build()))
        .isEqualTo(new ExportSpec.ImageStore(java.util.Map.of("name", "a/b")));
  }

  @Test
  void unknownExportersAreNamed() {
    assertThatThrownBy(() -> ExportSpec.of(SolveRequest.newBuilder().setExporter("moby").build()))
        .hasMessageContaining("'moby'");
  }
}
