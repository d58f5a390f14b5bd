package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.exporter.oci.TarballFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same build, fixed epoch: identical bytes; same result exported again: no layer rewritten. Needs root and runc. */
class ReproducibleExportTest {
  private static final Map<String, String> EPOCH =
      Map.of("name", "kiln-test:r", "rewrite-timestamp", "true", "source-date-epoch", "1700000000");

  @TempDir Path tmp;

  @Test
  void twoBuildsWithRewriteTimestampGiveByteIdenticalTarballs() throws Exception {
    Path a = tmp.resolve("a.tar");
    Path b = tmp.resolve("b.tar");
    try (ExportFixture f = ExportFixture.build(tmp.resolve("one"), "overlayfs")) {
      f.export(TarballFormat.OCI, EPOCH, a, null);
    }
    Thread.sleep(1100); // the second build's files get later times, which the epoch must hide
    try (ExportFixture f = ExportFixture.build(tmp.resolve("two"), "overlayfs")) {
      f.export(TarballFormat.OCI, EPOCH, b, null);
    }
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
  }

  @Test
  void reExportingAnUnchangedResultReusesItsLayers() throws Exception {
    try (ExportFixture f = ExportFixture.build(tmp, "overlayfs")) {
      ExportResult first = f.export(TarballFormat.OCI, Map.of("name", "x"), tmp.resolve("1.tar"), null);
      assertThat(f.layers.layersWritten()).isEqualTo(3);
      ExportResult again = f.export(TarballFormat.DOCKER, Map.of("name", "x"), tmp.resolve("2.tar"), null);
      assertThat(f.layers.layersWritten()).isEqualTo(3);
      assertThat(again.response().get("containerimage.digest")).isNotEqualTo(first.response().get("containerimage.digest"));
      f.export(TarballFormat.OCI, Map.of("compression", "zstd"), tmp.resolve("3.tar"), null);
      assertThat(f.layers.layersWritten()).isEqualTo(6);
    }
  }
}
