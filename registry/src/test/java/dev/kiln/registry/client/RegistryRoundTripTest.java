package dev.kiln.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.registry.BlobSource;
import dev.kiln.registry.ByteArraySink;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.Platform;
import dev.kiln.registry.PushResult;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.ResolvedManifest;
import dev.kiln.registry.manifest.ImageManifest;
import dev.kiln.registry.manifest.Manifests;
import dev.kiln.registry.testing.LocalRegistry;
import dev.kiln.registry.testing.RecordingSink;
import dev.kiln.registry.testing.TestImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against a real distribution registry on loopback (plain HTTP, no config). */
class RegistryRoundTripTest {
  @TempDir static Path dir;
  static LocalRegistry registry;
  static RegistryClient client;

  @BeforeAll
  static void start() throws Exception {
    registry = LocalRegistry.start(dir);
    client = DistributionClient.builder().credentials(CredentialProvider.ANONYMOUS).build();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  static ImageRef ref(String s) {
    return ImageRef.parse(registry.host() + "/" + s);
  }

  static Descriptor push(ImageRef ref, TestImage img) throws IOException {
    assertThat(client.pushBlob(ref, img.layerDescriptor(), BlobSource.of(img.layer()), Optional.empty()))
        .isIn(PushResult.UPLOADED, PushResult.EXISTED);
    client.pushBlob(ref, img.configDescriptor(), BlobSource.of(img.config()), Optional.empty());
    return client.pushManifest(ref, MediaTypes.OCI_MANIFEST, img.manifest());
  }

  @Test
  void pushThenPullBack() throws IOException {
    TestImage img = TestImage.create("hello kiln", Platform.parse("linux/amd64"));
    ImageRef ref = ref("roundtrip/app:1.0");
    Descriptor pushed = push(ref, img);
    assertThat(pushed).isEqualTo(img.manifestDescriptor());

    ResolvedManifest m = client.resolve(ref);
    assertThat(m.descriptor()).isEqualTo(img.manifestDescriptor());
    assertThat(m.bytes()).isEqualTo(img.manifest());
    assertThat(client.head(ref)).isEqualTo(img.manifestDescriptor());
    assertThat(client.resolve(ref.at(pushed.digest())).bytes()).isEqualTo(img.manifest());

    ImageManifest parsed = Manifests.parseManifest(m.bytes());
    ByteArraySink layer = new ByteArraySink();
    client.fetchBlob(ref, parsed.layers().getFirst(), layer);
    assertThat(layer.committed()).isTrue();
    assertThat(layer.bytes()).isEqualTo(img.layer());
    assertThat(client.blobExists(ref, img.configDescriptor().digest())).isTrue();
    assertThat(client.listTags(ref)).containsExactly("1.0");
  }

  @Test
  void secondPushFindsBlobsPresent() throws IOException {
    TestImage img = TestImage.create("twice", Platform.parse("linux/amd64"));
    ImageRef ref = ref("twice/app:1");
    push(ref, img);
    assertThat(client.pushBlob(ref, img.layerDescriptor(), BlobSource.of(img.layer()), Optional.empty()))
        .isEqualTo(PushResult.EXISTED);
  }

  @Test
  void crossRepositoryMount() throws IOException {
    TestImage img = TestImage.create("mount me", Platform.parse("linux/amd64"));
    ImageRef source = ref("mount/source:1");
    push(source, img);
    ImageRef target = ref("mount/target:1");
    assertThat(client.blobExists(target, img.layerDescriptor().digest())).isFalse();
    assertThat(client.pushBlob(target, img.layerDescriptor(), failingSource(), Optional.of(source)))
        .isEqualTo(PushResult.MOUNTED);
    assertThat(client.blobExists(target, img.layerDescriptor().digest())).isTrue();
  }

  @Test
  void mountFromARepositoryWithoutTheBlobFallsBackToUpload() throws IOException {
    TestImage img = TestImage.create("not mountable", Platform.parse("linux/amd64"));
    ImageRef target = ref("mount/fallback:1");
    assertThat(client.pushBlob(target, img.layerDescriptor(), BlobSource.of(img.layer()), Optional.of(ref("mount/empty"))))
        .isEqualTo(PushResult.UPLOADED);
    assertThat(client.blobExists(target, img.layerDescriptor().digest())).isTrue();
  }

  @Test
  void chunkedUploadOfALargerBlob() throws IOException {
    byte[] blob = new byte[300_000];
    new java.util.Random(7).nextBytes(blob);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER, blob);
    RegistryClient chunky = DistributionClient.builder().credentials(CredentialProvider.ANONYMOUS).chunkSize(64 * 1024).build();
    ImageRef ref = ref("chunked/blob");
    assertThat(chunky.pushBlob(ref, d, BlobSource.of(blob), Optional.empty())).isEqualTo(PushResult.UPLOADED);
    ByteArraySink sink = new ByteArraySink();
    client.fetchBlob(ref, d, sink);
    assertThat(sink.bytes()).isEqualTo(blob);
  }

  @Test
  void twoPlatformIndexSelectsByPlatform() throws IOException {
    TestImage amd = TestImage.create("amd64 bits", Platform.parse("linux/amd64"));
    TestImage arm = TestImage.create("arm v6 bits", Platform.parse("linux/arm/v6"));
    ImageRef ref = ref("multi/app:latest");
    push(ref.at(amd.manifestDescriptor().digest()), amd);
    push(ref.at(arm.manifestDescriptor().digest()), arm);
    byte[] index = TestImage.index(List.of(amd, arm));
    client.pushManifest(ref, MediaTypes.OCI_INDEX, index);

    assertThat(client.resolve(ref).isIndex()).isTrue();
    assertThat(client.resolve(ref, Platform.parse("linux/amd64/v3")).bytes()).isEqualTo(amd.manifest());
    assertThat(client.resolve(ref, Platform.parse("linux/arm/v7")).bytes()).isEqualTo(arm.manifest());
    assertThat(client.resolve(ref, Platform.parse("linux/arm64")).bytes()).isEqualTo(arm.manifest());
    assertThatThrownBy(() -> client.resolve(ref, Platform.parse("linux/s390x")))
        .isInstanceOf(RegistryException.NotFound.class)
        .hasMessageContaining("no manifest for platform linux/s390x")
        .hasMessageContaining("available: linux/amd64, linux/arm/v6");
  }

  @Test
  void resumesFromWhatTheSinkAlreadyHolds() throws IOException {
    byte[] blob = new byte[100_000];
    new java.util.Random(3).nextBytes(blob);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER, blob);
    ImageRef ref = ref("resume/blob");
    client.pushBlob(ref, d, BlobSource.of(blob), Optional.empty());
    RecordingSink sink = new RecordingSink(Arrays.copyOf(blob, 40_000));
    client.fetchBlob(ref, d, sink);
    assertThat(sink.opens).containsExactly(40_000L); // Range honoured: only the rest was sent
    assertThat(sink.bytes()).isEqualTo(blob);
    assertThat(sink.commits).isEqualTo(1);
  }

  @Test
  void missingThingsAreNamed() {
    assertThatThrownBy(() -> client.resolve(ref("nothing/here:1")))
        .isInstanceOf(RegistryException.NotFound.class)
        .hasMessageContaining("manifest unknown: " + registry.host() + "/nothing/here:1 does not exist");
    Descriptor ghost = Descriptor.of(MediaTypes.OCI_LAYER, "ghost".getBytes());
    assertThatThrownBy(() -> client.fetchBlob(ref("nothing/here"), ghost, new ByteArraySink()))
        .isInstanceOf(RegistryException.NotFound.class)
        .hasMessageContaining("blob " + ghost.digest() + " not found in " + registry.host() + "/nothing/here");
  }

  @Test
  void manifestReferencingMissingBlobsIsRejectedWithAHint() {
    TestImage img = TestImage.create("orphan", Platform.parse("linux/amd64"));
    assertThatThrownBy(() -> client.pushManifest(ref("orphan/app:1"), MediaTypes.OCI_MANIFEST, img.manifest()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("push manifest " + registry.host() + "/orphan/app:1")
        .hasMessageContaining("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void threadSafeUnderParallelPulls() throws Exception {
    TestImage img = TestImage.create("parallel", Platform.parse("linux/amd64"));
    ImageRef ref = ref("parallel/app:1");
    push(ref, img);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> {
          ByteArraySink s = new ByteArraySink();
          client.fetchBlob(ref, img.layerDescriptor(), s);
          return s.bytes();
        }));
      }
      for (Future<byte[]> f : results) {
        assertThat(f.get()).isEqualTo(img.layer());
      }
    }
  }

  private static BlobSource failingSource() {
    return offset -> {
      throw new IOException("a mounted blob must not be read");
    };
  }

  static Digest digestOf(byte[] b) {
    return Digest.sha256(b);
  }
}
