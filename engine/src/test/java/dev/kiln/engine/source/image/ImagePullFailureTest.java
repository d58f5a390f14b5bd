package dev.kiln.engine.source.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.Digest;
import dev.kiln.llb.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry serving wrong or short blobs: the pull fails naming the image, and the store stays clean. */
class ImagePullFailureTest {
  @TempDir static Path shared;
  private static LocalRegistry registry;
  private static Path layout;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    registry = LocalRegistry.start(Files.createDirectories(shared.resolve("registry")));
    layout = shared.resolve("layout");
  }

  @AfterAll
  static void stop() {
    if (registry != null) registry.close();
  }

  /** Pushes a one-layer image of unique content to {@code repo}; returns it. */
  private static TestImage pushUnique(String repo, long seed) throws Exception {
    TestImage image = TestImage.of("linux", "amd64", TestImages.unique(seed, 300_000));
    new TestImage.Layout(layout).add(repo, image);
    ImageSourceTest.run(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "--preserve-digests", "--dest-tls-verify=false",
        "oci:" + layout + ":" + repo, "docker://" + registry.host() + "/test/" + repo + ":v1"));
    return image;
  }

  @Test
  void aBlobWithTheWrongDigestFailsAndLeavesNothingBehind() throws Exception {
    TestImage image = pushUnique("corrupt", 1);
    Path data = registry.blobData(image.layerDigest(0).value());
    byte[] good = Files.readAllBytes(data);
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x5a;
    Files.write(data, bad);
    State state = State.image(registry.host() + "/test/corrupt:v1");
    Path root = tmp.resolve("state");
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      assertThatThrownBy(() -> ImageSourceTest.solve(engine, state))
          .hasStackTraceContaining("failed to pull " + registry.host() + "/test/corrupt:v1")
          .hasStackTraceContaining("content has digest");
    }
    assertStoreClean(root, image.layerDigest(0));
    Files.write(data, good); // once the registry serves the right bytes, the same state pulls fine
    try (Engine engine = Engine.open(EngineConfig.at(root)); SolveResult r = ImageSourceTest.solve(engine, state);
        MountedTree t = r.open()) {
      assertThat(t.root().resolve("blob.bin")).hasSize(300_000);
    }
  }

  @Test
  void aTruncatedBlobFailsAndLeavesNothingBehind() throws Exception {
    TestImage image = pushUnique("truncated", 2);
    Path data = registry.blobData(image.layerDigest(0).value());
    byte[] good = Files.readAllBytes(data);
    Files.write(data, java.util.Arrays.copyOf(good, good.length / 3));
    Path root = tmp.resolve("state");
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      assertThatThrownBy(() -> ImageSourceTest.solve(engine, State.image(registry.host() + "/test/truncated:v1")))
          .hasStackTraceContaining("failed to pull " + registry.host() + "/test/truncated:v1")
          .hasStackTraceContaining(image.layerDigest(0).value());
    }
    assertStoreClean(root, image.layerDigest(0));
  }

  private static void assertStoreClean(Path root, Digest layer) throws Exception {
    FileContentStore store = new FileContentStore(root.resolve("content"));
    assertThat(store.list()).doesNotContain(layer);
    for (Digest d : store.list()) {
      store.verify(d);
    }
    try (Stream<Path> ingests = Files.list(root.resolve("content/ingest"))) {
      assertThat(ingests).isEmpty();
    }
  }
}
