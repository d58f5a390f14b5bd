package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.exporter.oci.TarballFormat;
import dev.kiln.engine.snapshot.MountedTree;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A real build exported as OCI and Docker tarballs, checked by skopeo and umoci. Needs root and runc. */
class TarballExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] CONFIG = """
      {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["/bin/sh"]},\
      "rootfs":{"type":"layers","diff_ids":[]},\
      "history":[{"created_by":"RUN /bin/sh -c …","comment":"buildkit.dockerfile.v0"},\
      {"created_by":"ENV PATH=/bin","comment":"buildkit.dockerfile.v0","empty_layer":true}]}"""
      .getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs", "copy"})
  void anOciTarballUnpacksToExactlyTheBuildTree(String snapshotter) throws Exception {
    try (ExportFixture f = ExportFixture.build(tmp, snapshotter)) {
      Path file = tmp.resolve("image.tar");
      ExportResult r = f.export(TarballFormat.OCI, Map.of("name", "kiln-test:v1"), file, CONFIG);
      assertThat(r.response()).containsKeys("containerimage.digest", "containerimage.config.digest",
          "containerimage.descriptor").containsEntry("image.name", "docker.io/library/kiln-test:v1");

      JsonNode inspect = JSON.readTree(Tools.run("skopeo", "inspect", "oci-archive:" + file));
      assertThat(inspect.get("Digest").asText()).isEqualTo(r.response().get("containerimage.digest"));
      assertThat(inspect.get("Layers")).hasSize(3);

      Path layout = tmp.resolve("layout");
      Tools.run("skopeo", "copy", "oci-archive:" + file, "oci:" + layout + ":v1");
      Path bundle = tmp.resolve("bundle");
      Tools.run("umoci", "unpack", "--image", layout + ":v1", bundle.toString());

      TreeMap<String, String> expected;
      try (MountedTree t = f.worker.refs().view(f.snapshotId)) {
        expected = Tools.describe(t.root());
      }
      assertThat(Tools.describe(bundle.resolve("rootfs"))).isEqualTo(expected);
      assertThat(expected).containsKeys("new.txt", "hard", "link", "opq/y", "d/sub/y", "keep.txt")
          .doesNotContainKeys("etc/group", "opq/old.txt", "d/sub/x");
      assertThat(expected.get("new.txt")).startsWith("104755");
      assertThat(expected.get("dev-null")).startsWith("20");
      assertThat(expected.get("d/sub")).startsWith("41777");
      assertThat(expected.get("d")).contains(" 1000:2000");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs"})
  void aDockerTarballHasManifestJsonAndSkopeoReadsIt(String snapshotter) throws Exception {
    try (ExportFixture f = ExportFixture.build(tmp, snapshotter)) {
      Path file = tmp.resolve("docker.tar");
      f.export(TarballFormat.DOCKER, Map.of("name", "kiln-test:v1,registry.local:5000/team/app"), file, CONFIG);
      Map<String, byte[]> entries = read(file);
      JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
      assertThat(manifest).hasSize(1);
      JsonNode m = manifest.get(0);
      assertThat(m.get("RepoTags").toString()).isEqualTo("[\"kiln-test:v1\",\"registry.local:5000/team/app:latest\"]");
      assertThat(entries).containsKey(m.get("Config").asText());
      m.get("Layers").forEach(l -> assertThat(entries).containsKey(l.asText()));
      JsonNode repos = JSON.readTree(entries.get("repositories"));
      assertThat(repos.has("kiln-test")).isTrue();

      JsonNode config = JSON.readTree(entries.get(m.get("Config").asText()));
      assertThat(config.at("/rootfs/diff_ids")).hasSize(3);
      // RUN, ENV (empty), then one appended per layer the frontend did not describe (like BuildKit)
      assertThat(config.get("history")).hasSize(4);
      assertThat(config.at("/history/3/comment").asText()).isEqualTo("buildkit.exporter.image.v0");
      assertThat(config.at("/config/Cmd/0").asText()).isEqualTo("/bin/sh");

      JsonNode inspect = JSON.readTree(Tools.run("skopeo", "inspect", "docker-archive:" + file + ":kiln-test:v1"));
      assertThat(inspect.get("Layers")).hasSize(3);
      String raw = Tools.run("skopeo", "inspect", "--raw", "docker-archive:" + file + ":kiln-test:v1");
      assertThat(raw).contains("application/vnd.docker.distribution.manifest.v2+json");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncompressed", "zstd"})
  void otherCompressionsAreReadByTheTools(String compression) throws Exception {
    try (ExportFixture f = ExportFixture.build(tmp, "overlayfs")) {
      Path file = tmp.resolve("image.tar");
      f.export(TarballFormat.OCI, Map.of("compression", compression, "compression-level", compression.equals("zstd") ? "9" : "0"),
          file, CONFIG);
      Tools.run("skopeo", "inspect", "oci-archive:" + file);
      JsonNode raw = JSON.readTree(Tools.run("skopeo", "inspect", "--raw", "oci-archive:" + file));
      String mediaType = compression.equals("zstd") ? "application/vnd.oci.image.layer.v1.tar+zstd"
          : "application/vnd.oci.image.layer.v1.tar";
      assertThat(raw.get("layers")).hasSize(3);
      raw.get("layers").forEach(l -> assertThat(l.get("mediaType").asText()).isEqualTo(mediaType));
      Path layout = tmp.resolve("layout");
      Tools.run("skopeo", "copy", "oci-archive:" + file, "oci:" + layout + ":latest");
      if (compression.equals("uncompressed")) { // umoci 0.4.7 predates zstd
        Path bundle = tmp.resolve("bundle");
        Tools.run("umoci", "unpack", "--image", layout + ":latest", bundle.toString());
        try (MountedTree t = f.worker.refs().view(f.snapshotId)) {
          assertThat(Tools.describe(bundle.resolve("rootfs"))).isEqualTo(Tools.describe(t.root()));
        }
      }
    }
  }

  static Map<String, byte[]> read(Path tar) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
        if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) out.put(e.getName(), t.readAllBytes());
      }
    }
    return out;
  }
}
