package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.exporter.layer.LayerOptions;
import dev.kiln.engine.exporter.layer.LayerSink;
import dev.kiln.engine.exporter.oci.TarballFormat;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image tarballs written to a file, with new layers compressed straight into it: the same bytes as
 * the streamed tarball, read by skopeo and umoci, the layer cache kept. Needs root and runc.
 */
class FileTarballExportTest {
  private static final Map<String, String> EPOCH = ReproducibleExportTest.EPOCH;

  @TempDir Path tmp;

  @Test
  void aFileTarballHasTheStreamedTarballsBytesWhetherItsLayersAreNewOrCached() throws Exception {
    Path streamed = tmp.resolve("streamed.tar");
    try (ExportFixture f = ExportFixture.build(tmp.resolve("one"), "overlayfs")) {
      f.export(TarballFormat.OCI, EPOCH, streamed, null);
    }
    try (ExportFixture f = ExportFixture.build(tmp.resolve("two"), "overlayfs")) {
      Path fresh = tmp.resolve("fresh.tar");
      f.exportToFile(TarballFormat.OCI, EPOCH, fresh, null);
      assertThat(f.layers.layersWritten()).isEqualTo(3);
      assertThat(Files.mismatch(fresh, streamed)).isEqualTo(-1L);

      Path cached = tmp.resolve("cached.tar");
      f.exportToFile(TarballFormat.OCI, EPOCH, cached, null);
      assertThat(f.layers.layersWritten()).isEqualTo(3);
      assertThat(Files.mismatch(cached, streamed)).isEqualTo(-1L);

      // Docker tarballs, with new layers of another compression written into the file first.
      Map<String, String> docker = new HashMap<>(EPOCH);
      docker.put("compression", "uncompressed");
      Path dockerFile = tmp.resolve("docker-file.tar");
      f.exportToFile(TarballFormat.DOCKER, docker, dockerFile, null);
      assertThat(f.layers.layersWritten()).isEqualTo(6);
      Path dockerStream = tmp.resolve("docker-stream.tar");
      f.export(TarballFormat.DOCKER, docker, dockerStream, null);
      assertThat(Files.mismatch(dockerFile, dockerStream)).isEqualTo(-1L);
      Tools.run("skopeo", "inspect", "docker-archive:" + dockerFile + ":kiln-test:r");
    }
  }

  @Test
  void aFileTarballIsReadByTheToolsAndItsBlobsMatchTheirDigests() throws Exception {
    try (ExportFixture f = ExportFixture.build(tmp, "overlayfs")) {
      Path file = tmp.resolve("image.tar");
      ExportResult r = f.exportToFile(TarballFormat.OCI, Map.of("name", "kiln-test:v1"), file, null);
      JsonNode inspect = new ObjectMapper().readTree(Tools.run("skopeo", "inspect", "oci-archive:" + file));
      assertThat(inspect.get("Digest").asText()).isEqualTo(r.response().get("containerimage.digest"));
      assertThat(inspect.get("Layers")).hasSize(3);

      Map<String, byte[]> entries = TarballExportTest.read(file);
      entries.forEach((name, bytes) -> {
        if (name.startsWith("blobs/sha256/")) assertThat(Digest.of(bytes).hex()).isEqualTo(name.substring(13));
      });
      // The new layers are in the content store too: the next export copies them.
      for (JsonNode layer : inspect.get("Layers")) {
        assertThat(f.worker.content().exists(Digest.parse(layer.asText()))).isTrue();
      }

      Path layout = tmp.resolve("layout");
      Tools.run("skopeo", "copy", "oci-archive:" + file, "oci:" + layout + ":v1");
      Path bundle = tmp.resolve("bundle");
      Tools.run("umoci", "unpack", "--image", layout + ":v1", bundle.toString());
      try (MountedTree t = f.worker.refs().view(f.snapshotId)) {
        assertThat(Tools.describe(bundle.resolve("rootfs"))).isEqualTo(Tools.describe(t.root()));
      }
    }
  }

  @Test
  void aLayerWhoseCopyFailsPublishesNoBlobAndCachesNothing() throws Exception {
    try (ExportFixture f = ExportFixture.build(tmp, "overlayfs")) {
      String top = f.snapshotId;
      List<Digest> before = f.worker.content().list();
      LayerSink failing = new LayerSink() {
        @Override
        public OutputStream beginNew() {
          return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              throw new IOException("disk full");
            }
          };
        }

        @Override
        public void endNew(Descriptor blob) {
          throw new AssertionError("the blob must not complete");
        }

        @Override
        public void abortNew() {}

        @Override
        public void layer(Descriptor blob) {}
      };
      assertThatThrownBy(() -> f.layers.layer(top, LayerOptions.gzip(), true, failing)).hasMessageContaining("disk full");
      assertThat(f.worker.content().list()).isEqualTo(before);
      try (Stream<Path> ingests = Files.list(tmp.resolve("state/content/ingest"))) {
        assertThat(ingests).isEmpty();
      }
      assertThat(f.layers.layersWritten()).isZero();
      f.layers.layer(top, LayerOptions.gzip(), true);
      assertThat(f.layers.layersWritten()).isEqualTo(1); // nothing was cached by the failed attempt
    }
  }
}
