package dev.kiln.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.image.Image;
import dev.kiln.engine.exporter.image.ImageOptions;
import dev.kiln.engine.exporter.image.ImageWriter;
import dev.kiln.engine.exporter.layer.LayerBlobs;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.engine.exporter.push.ImageExporter;
import dev.kiln.engine.exporter.push.ImagePusher;
import dev.kiln.engine.image.BlobSources;
import dev.kiln.engine.image.ImageNames;
import dev.kiln.engine.image.LayerSnapshots;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.Worker;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.PushResult;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.client.DistributionClient;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code type=image,push=true} against real registries on loopback (one plain, one wanting Basic
 * auth): base layers mounted across repositories, skopeo reads what was pushed, and pulling it
 * back through Kiln gives the same tree and the same layer digests. Needs root, runc, docker-registry.
 */
class ImagePushTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void pushesMountsBaseLayersAndPullsBackIdentically() throws Exception {
    try (LocalRegistry plain = LocalRegistry.start(Files.createDirectories(tmp.resolve("plain")));
        LocalRegistry secured = LocalRegistry.startWithBasicAuth(Files.createDirectories(tmp.resolve("secured")), "alice", "s3cret")) {
      TestLayer busybox = new TestLayer().dir("bin", 0755)
          .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755, 0, 0).symlink("bin/sh", "busybox");
      TestImage base = TestImage.of("linux", "amd64", busybox.tar());
      plain.push(new TestImage.Layout(tmp.resolve("layout")).add("latest", base).dir(), "latest", "library/busybox");

      EngineConfig config = EngineConfig.at(tmp.resolve("state"));
      String snapshot;
      TreeMap<String, String> tree;
      try (Engine engine = Engine.open(config);
          SolveResult r = solve(engine, State.image(plain.host() + "/library/busybox:latest")
              .run(run -> run.args(List.of("/bin/sh", "-c", "echo hi > /hi"))).root());
          MountedTree t = r.open()) {
        snapshot = r.snapshotId();
        tree = Tools.describe(t.root());
      }

      String plainName = plain.host() + "/team/app:v1";
      String securedName = secured.host() + "/team/app:v1";
      Map<String, String> response;
      String byDigest;
      List<String> pushedLayers = new ArrayList<>();
      try (Worker worker = Worker.open(config);
          Database db = Database.open(config.root().resolve("metadata.db"), KilnSchema.SCHEMA)) {
        Layers layers = new Layers(worker.refs().store(), worker.refs()::view, worker.content(), db,
            LayerBlobs.recorded(db, LayerSnapshots.BASE_VARIANT));
        ImageWriter images = new ImageWriter(layers, worker.content());
        ImagePusher pusher = new ImagePusher(worker.content(), new BlobSources(db));
        RegistryClient alice = DistributionClient.builder()
            .credentials(host -> Optional.of(new Credentials.Basic("alice", "s3cret"))).build();

        Image image = images.write(ExportInput.of(snapshot, null), ImageOptions.parse(Map.of(), false, List.of()));
        image.layers().forEach(l -> pushedLayers.add(l.digest().value()));
        assertThat(pushedLayers.get(0)).isEqualTo(base.layerDigest(0).value());
        ImageRef direct = ImageRef.parse(plain.host() + "/team/direct:v1");
        Map<Descriptor, PushResult> first = pusher.push(alice, image, direct, false, null);
        assertThat(first.get(image.layers().get(0))).isEqualTo(PushResult.MOUNTED); // pulled from library/busybox
        assertThat(first.get(image.layers().get(1))).isEqualTo(PushResult.UPLOADED);
        assertThat(first.get(image.config())).isEqualTo(PushResult.UPLOADED);
        assertThat(pusher.push(alice, image, direct, false, null).values()).containsOnly(PushResult.EXISTED);

        ImageExporter exporter = new ImageExporter(images, pusher, insecure -> alice, new ImageNames(db));
        response = exporter.resolve(Map.of("name", plainName + "," + securedName, "push", "true", "name-canonical", "true"))
            .export(ExportInput.of(snapshot, null), OutputStream.nullOutputStream()).response();
        String digest = response.get("containerimage.digest");
        assertThat(response.get("image.name")).isEqualTo(String.join(",", plainName, plain.host() + "/team/app@" + digest,
            securedName, secured.host() + "/team/app@" + digest));
        assertThat(new ImageNames(db).find(plainName)).contains(dev.kiln.llb.Digest.parse(digest));

        byDigest = exporter.resolve(Map.of("name", plain.host() + "/team/bydigest:v1", "push", "true", "push-by-digest", "true"))
            .export(ExportInput.of(snapshot, null), OutputStream.nullOutputStream()).response().get("containerimage.digest");
        assertThatThrownBy(() -> exporter.resolve(Map.of("push", "true"))).isInstanceOf(ExporterOptionException.class)
            .hasMessageContaining("'push'");
      }
      String digest = response.get("containerimage.digest");

      JsonNode inspect = JSON.readTree(Tools.run("skopeo", "inspect", "--tls-verify=false", "docker://" + plainName));
      assertThat(inspect.get("Digest").asText()).isEqualTo(digest);
      assertThat(inspect.get("Layers").get(0).asText()).isEqualTo(base.layerDigest(0).value());
      JsonNode securedInspect = JSON.readTree(Tools.run("skopeo", "inspect", "--tls-verify=false", "--creds", "alice:s3cret",
          "docker://" + securedName));
      assertThat(securedInspect.get("Digest").asText()).isEqualTo(digest);
      Tools.run("skopeo", "copy", "--quiet", "--src-tls-verify=false", "--src-creds", "alice:s3cret",
          "docker://" + securedName, "oci:" + tmp.resolve("copied") + ":v1");
      // By digest: the manifest is there, and no tag was made.
      Tools.run("skopeo", "inspect", "--no-tags", "--tls-verify=false", "docker://" + plain.host() + "/team/bydigest@" + byDigest);
      Process tagged = new ProcessBuilder("skopeo", "inspect", "--no-tags", "--tls-verify=false",
          "docker://" + plain.host() + "/team/bydigest:v1").redirectErrorStream(true).start();
      tagged.getInputStream().readAllBytes();
      assertThat(tagged.waitFor()).isNotZero();

      // Pulled back by a fresh engine: the same files, and re-exported, the very same layer blobs.
      try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state2")));
          SolveResult r = solve(engine, State.image(plainName)); MountedTree t = r.open()) {
        assertThat(Tools.describe(t.root())).isEqualTo(tree);
        Path file = tmp.resolve("again.tar");
        try (OutputStream out = Files.newOutputStream(file)) {
          engine.exporters().resolve("oci", Map.of()).export(ExportInput.of(r.snapshotId(), null), out);
        }
        Map<String, byte[]> entries = TarballExportTest.read(file);
        String manifest = JSON.readTree(entries.get("index.json")).get("manifests").get(0).get("digest").asText();
        JsonNode m = JSON.readTree(entries.get("blobs/sha256/" + manifest.substring("sha256:".length())));
        List<String> again = new ArrayList<>();
        m.get("layers").forEach(l -> again.add(l.get("digest").asText()));
        assertThat(again).isEqualTo(pushedLayers);
      }
    }
  }

  private static SolveResult solve(Engine engine, State state) throws Exception {
    return engine.solve(state.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64)),
        SolveRequest.of(BuildInputs.NONE));
  }
}
