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
  void sourceDateEpochComesFromTheBuildArgUnlessTheOutputSetsIt() throws Exception {
    SolveRequest.Builder r = SolveRequest.newBuilder().putFrontendAttrs("build-arg:SOURCE_DATE_EPOCH", "1700000000")
        .addExporters(Exporter.newBuilder().setType("oci").putAttrs("name", "a"));
    assertThat(ExportSpec.of(r.build()))
        .isEqualTo(new ExportSpec.ImageTarball("oci", java.util.Map.of("name", "a", "source-date-epoch", "1700000000")));
    r.setExporters(0, Exporter.newBuilder().setType("oci").putAttrs("source-date-epoch", "5"));
    assertThat(ExportSpec.of(r.build())).isEqualTo(new ExportSpec.ImageTarball("oci", java.util.Map.of("source-date-epoch", "5")));
  }

  @Test
  void localAttributesFollowBuildKit() throws Exception {
    LocalOptions plain = ((ExportSpec.Local) ExportSpec.of("local", java.util.Map.of())).options();
    assertThat(plain.split(false)).isFalse();
    assertThat(plain.split(true)).isTrue();
    assertThat(plain.delete()).isFalse();
    LocalOptions set = ((ExportSpec.Local) ExportSpec.of("local", java.util.Map.of("platform-split", "false", "mode", "Delete")))
        .options();
    assertThat(set.split(true)).isFalse();
    assertThat(set.delete()).isTrue();
    assertThat(((ExportSpec.Local) ExportSpec.of("local", java.util.Map.of("platform-split", "1"))).options().split(false)).isTrue();
    assertThatThrownBy(() -> ExportSpec.of("local", java.util.Map.of("platform-split", "yes"))).hasMessageContaining("platform-split");
    assertThatThrownBy(() -> ExportSpec.of("local", java.util.Map.of("mode", "mirror"))).hasMessageContaining("mode");
  }

  @Test
  void unknownExportersAreNamed() {
    assertThatThrownBy(() -> ExportSpec.of(SolveRequest.newBuilder().setExporter("moby").build()))
        .hasMessageContaining("'moby'");
  }
}
