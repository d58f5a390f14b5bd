package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.exporter.oci.TarballFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.kiln.engine.exporter.layer.LayerBlob;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same build, fixed epoch: identical bytes; same result exported again: no layer rewritten. Needs root and runc. */
class ReproducibleExportTest {
  static final Map<String, String> EPOCH =
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

  @Test
  void aBaseImageLayerIsReusedAsItsOriginalBlob() throws Exception {
    try (ExportFixture f = ExportFixture.build(tmp, "overlayfs")) {
      String base = f.layers.chain(f.snapshotId).getFirst();
      byte[] original = "pretend this is the registry's gzip blob".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      dev.kiln.llb.Digest digest = f.worker.content().write(new java.io.ByteArrayInputStream(original), null, -1);
      LayerBlob blob = new LayerBlob(new Descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", digest,
          original.length), dev.kiln.llb.Digest.of(new byte[] {42}));
      ExportFixture withBase = f.withBaseLayers(id -> id.equals(base) ? Optional.of(blob) : Optional.empty());
      ExportResult r = withBase.export(TarballFormat.OCI, Map.of(), tmp.resolve("b.tar"), null);
      assertThat(withBase.layers.layersWritten()).isEqualTo(2);
      var entries = TarballExportTest.read(tmp.resolve("b.tar"));
      String manifestPath = "blobs/sha256/" + r.response().get("containerimage.digest").substring(7);
      var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(entries.get(manifestPath));
      assertThat(manifest.at("/layers/0/digest").asText()).isEqualTo(digest.value());
      assertThat(manifest.at("/layers/0/mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
      ExportResult forced = withBase.export(TarballFormat.OCI, Map.of("force-compression", "true"),
          tmp.resolve("c.tar"), null);
      assertThat(forced.response().get("containerimage.digest")).isNotEqualTo(r.response().get("containerimage.digest"));
    }
  }
}
