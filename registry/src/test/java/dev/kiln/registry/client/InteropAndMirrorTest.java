package dev.kiln.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.registry.BlobSource;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.Platform;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.RegistryListener;
import dev.kiln.registry.ResolvedManifest;
import dev.kiln.registry.hosts.HostsConfig;
import dev.kiln.registry.manifest.ImageManifest;
import dev.kiln.registry.manifest.Manifests;
import dev.kiln.registry.testing.LocalRegistry;
import dev.kiln.registry.testing.RecordingSink;
import dev.kiln.registry.testing.TestImage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interop with skopeo in both directions, and pull-through mirrors with fallback to the origin. */
class InteropAndMirrorTest {
  static final String SKOPEO = "/usr/bin/skopeo";
  @TempDir static Path dir;
  static LocalRegistry origin;
  static LocalRegistry mirror;
  static RegistryClient client;

  @BeforeAll
  static void start() throws Exception {
    origin = LocalRegistry.start(Files.createDirectories(dir.resolve("origin")));
    mirror = LocalRegistry.start(Files.createDirectories(dir.resolve("mirror")));
    client = DistributionClient.builder().credentials(CredentialProvider.ANONYMOUS).build();
  }

  @AfterAll
  static void stop() {
    origin.close();
    mirror.close();
  }

  static void push(ImageRef ref, TestImage img) throws IOException {
    client.pushBlob(ref, img.layerDescriptor(), BlobSource.of(img.layer()), Optional.empty());
    client.pushBlob(ref, img.configDescriptor(), BlobSource.of(img.config()), Optional.empty());
    client.pushManifest(ref, MediaTypes.OCI_MANIFEST, img.manifest());
  }

  static String skopeo(String... args) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(SKOPEO))) {
      fail(SKOPEO + " is missing: install skopeo (Debian: apt-get install skopeo) for the interop tests");
    }
    List<String> cmd = new java.util.ArrayList<>(List.of(SKOPEO, "--insecure-policy"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      fail(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  @Test
  void skopeoReadsWhatWePushed() throws Exception {
    TestImage img = TestImage.create("for skopeo", Platform.parse("linux/arm64"));
    ImageRef ref = ImageRef.parse(origin.host() + "/interop/pushed:1");
    push(ref, img);
    String json = skopeo("inspect", "--tls-verify=false", "docker://" + ref);
    var tree = new ObjectMapper().readTree(json);
    assertThat(tree.path("Digest").asText()).isEqualTo(img.manifestDescriptor().digest().toString());
    assertThat(tree.path("Architecture").asText()).isEqualTo("arm64");
    assertThat(tree.path("Layers").get(0).asText()).isEqualTo(img.layerDescriptor().digest().toString());
  }

  @Test
  void wePullWhatSkopeoPushed() throws Exception {
    TestImage img = TestImage.create("from skopeo", Platform.parse("linux/amd64"));
    Path layout = dir.resolve("layout");
    img.writeLayout(layout, "v1");
    ImageRef ref = ImageRef.parse(origin.host() + "/interop/copied:v1");
    skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + ref);

    ResolvedManifest m = client.resolve(ref, Platform.parse("linux/amd64"));
    ImageManifest manifest = Manifests.parseManifest(m.bytes());
    Descriptor layer = manifest.layers().getFirst();
    RecordingSink sink = new RecordingSink();
    client.fetchBlob(ref, layer, sink);
    // skopeo compresses uncompressed layers on the way to a registry.
    assertThat(layer.mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    try (var gunzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(sink.bytes()))) {
      assertThat(gunzip.readAllBytes()).isEqualTo(img.layer());
    }
    RecordingSink config = new RecordingSink();
    client.fetchBlob(ref, manifest.config(), config);
    assertThat(new String(config.bytes(), StandardCharsets.UTF_8)).contains("\"architecture\":\"amd64\"");
  }

  @Test
  void mirrorsAreTriedFirstAndFallBackToTheOrigin() throws Exception {
    TestImage onMirror = TestImage.create("cached on the mirror", Platform.parse("linux/amd64"));
    TestImage onOrigin = TestImage.create("only at the origin", Platform.parse("linux/amd64"));
    push(ImageRef.parse(mirror.host() + "/lib/app:cached"), onMirror);
    push(ImageRef.parse(origin.host() + "/lib/app:fresh"), onOrigin);

    List<String> fallbacks = new CopyOnWriteArrayList<>();
    RegistryListener listener = new RegistryListener() {
      @Override
      public void fallback(String action, URI failed, URI next, String reason) {
        fallbacks.add(failed + " -> " + next + ": " + reason);
      }
    };
    HostsConfig hosts = HostsConfig.parse("[registry.\"" + origin.host() + "\"]\nmirrors = [\"" + mirror.host() + "\"]\n", dir);
    RegistryClient mirrored = DistributionClient.builder().hosts(hosts).listener(listener)
        .credentials(CredentialProvider.ANONYMOUS).build();

    // Through the mirror: the origin has no such tag, so this can only come from the mirror.
    assertThat(mirrored.resolve(ImageRef.parse(origin.host() + "/lib/app:cached")).bytes()).isEqualTo(onMirror.manifest());
    assertThat(fallbacks).isEmpty();

    assertThat(mirrored.resolve(ImageRef.parse(origin.host() + "/lib/app:fresh")).bytes()).isEqualTo(onOrigin.manifest());
    assertThat(fallbacks).singleElement().asString()
        .isEqualTo("http://" + mirror.host() + " -> http://" + origin.host() + ": HTTP 404");

    // Pushes never go to mirrors.
    TestImage pushed = TestImage.create("pushed", Platform.parse("linux/amd64"));
    push(ImageRef.parse(origin.host() + "/lib/pushed:1"), pushed);
    assertThat(client.blobExists(ImageRef.parse(mirror.host() + "/lib/pushed"), pushed.layerDescriptor().digest())).isFalse();
  }
}
