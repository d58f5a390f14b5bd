package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code FROM base} + one RUN: the base's layers leave as the blobs they came in as. Needs root and runc. */
class BaseLayerReuseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void baseLayersKeepTheirDigestsUnlessCompressionIsForced() throws Exception {
    TestLayer busybox = new TestLayer().dir("bin", 0755)
        .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755, 0, 0).symlink("bin/sh", "busybox");
    byte[] etc = new TestLayer().dir("etc", 0755).file("etc/motd", "base\n", 0644).tar();
    TestImage base = TestImage.of("linux", "amd64", busybox.tar(), etc);
    Path layout = new TestImage.Layout(tmp.resolve("layout")).add("v1", base).dir();
    State built = State.ociLayout("app:v1", o -> {}).run(r -> r.args(List.of("/bin/sh", "-c", "echo hi > /hi"))).root();
    BuildInputs inputs = BuildInputs.NONE.withOciLayouts(Map.of("app", layout));
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state")));
        SolveResult r = engine.solve(built.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64)),
            SolveRequest.of(inputs))) {
      List<String> plain = layerDigests(engine, r, Map.of());
      assertThat(plain).hasSize(3);
      assertThat(plain.subList(0, 2)).containsExactly(base.layerDigest(0).value(), base.layerDigest(1).value());

      // Another compression applies to new layers only; base layers stay as pulled.
      List<String> zstd = layerDigests(engine, r, Map.of("compression", "zstd"));
      assertThat(zstd.subList(0, 2)).isEqualTo(plain.subList(0, 2));
      assertThat(zstd.get(2)).isNotEqualTo(plain.get(2));

      List<String> forced = layerDigests(engine, r, Map.of("compression", "zstd", "force-compression", "true"));
      assertThat(forced.get(0)).isNotEqualTo(plain.get(0));
      assertThat(forced.get(1)).isNotEqualTo(plain.get(1));
      assertThat(forced.get(2)).isEqualTo(zstd.get(2)); // the RUN layer made above, from the cache
    }
  }

  private List<String> layerDigests(Engine engine, SolveResult r, Map<String, String> attrs) throws Exception {
    Path file = Files.createTempFile(tmp, "image", ".tar");
    try (OutputStream out = Files.newOutputStream(file)) {
      engine.exporters().resolve("oci", attrs).export(ExportInput.of(r.snapshotId(), null), out);
    }
    Map<String, byte[]> entries = TarballExportTest.read(file);
    JsonNode index = JSON.readTree(entries.get("index.json"));
    String manifest = index.get("manifests").get(0).get("digest").asText();
    JsonNode m = JSON.readTree(entries.get("blobs/sha256/" + manifest.substring("sha256:".length())));
    List<String> digests = new ArrayList<>();
    m.get("layers").forEach(l -> digests.add(l.get("digest").asText()));
    return digests;
  }
}
