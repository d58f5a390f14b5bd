package dev.kiln.engine.source.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.gc.GcPolicy;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TreeListing;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.Worker.ImageStats;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docker-image://} end to end: images built in the test, pushed with skopeo to a real
 * registry on loopback, solved through {@link Engine}, and compared with what umoci unpacks.
 */
class ImageSourceTest {
  @TempDir static Path shared;
  private static LocalRegistry registry;
  private static Path layout;
  private static TestImage changed;
  private static TestImage amd64;
  private static TestImage arm64;

  @TempDir Path tmp;

  @BeforeAll
  static void pushImages() throws Exception {
    registry = LocalRegistry.start(Files.createDirectories(shared.resolve("registry")));
    changed = TestImages.busyboxWithChanges();
    amd64 = TestImage.of("linux", "amd64", TestImages.base(), TestImages.platformLayer("amd64"));
    arm64 = TestImage.of("linux", "arm64", TestImages.base(), TestImages.platformLayer("arm64"));
    TestImage.Layout l = new TestImage.Layout(shared.resolve("layout"))
        .add("changed", changed)
        .add("second", TestImage.of("linux", "amd64", TestImages.base(), TestImages.platformLayer("second")))
        .addIndex("multi", List.of(amd64, arm64));
    layout = l.dir();
    push("changed", "test/changed:v1", false);
    push("second", "test/second:v1", false);
    push("multi", "test/multi:v1", true);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) registry.close();
  }

  static void push(String tag, String target, boolean all) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "--preserve-digests",
        "--dest-tls-verify=false"));
    if (all) cmd.add("--all");
    cmd.addAll(List.of("oci:" + layout + ":" + tag, "docker://" + registry.host() + "/" + target));
    run(cmd);
  }

  static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
    return out;
  }

  private Engine open(String snapshotter) throws IOException {
    return Engine.open(new EngineConfig(tmp.resolve("state-" + snapshotter), snapshotter));
  }

  static Definition marshal(State s) {
    return s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64));
  }

  private static String ref(String repo) {
    return registry.host() + "/" + repo;
  }

  static SolveResult solve(Engine engine, State state) throws Exception {
    return engine.solve(marshal(state), SolveRequest.of(BuildInputs.NONE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlayfs", "copy"})
  void pulledTreeMatchesUmoci(String snapshotter) throws Exception {
    Path bundle = tmp.resolve("umoci-bundle");
    run(List.of("umoci", "unpack", "--image", layout + ":changed", bundle.toString()));
    Map<String, String> expected = TreeListing.of(bundle.resolve("rootfs"));
    try (Engine engine = open(snapshotter); SolveResult r = solve(engine, State.image(ref("test/changed:v1")));
        MountedTree t = r.open()) {
      Map<String, String> actual = TreeListing.of(t.root());
      assertThat(actual).containsExactlyEntriesOf(expected);
      assertThat(actual).doesNotContainKeys("/etc/old", "/gone", "/opq/a", "/opq/b");
      assertThat(actual.get("/data/recreated")).startsWith("file mode=644");
      assertThat(actual.get("/bin/suid")).startsWith("file mode=4755");
      assertThat(actual.get("/bin/busybox")).contains("links=[/bin/busybox, /bin/busybox-link]");
      assertThat(actual.get("/data/xattr")).endsWith("user.kiln=hello");
      assertThat(actual.get("/dev/null2")).isEqualTo("char 1:3 mode=666 uid=0 gid=0");
    }
  }

  @Test
  void aCachedSolveDownloadsAndUnpacksNothing() throws Exception {
    State image = State.image(ref("test/changed:v1"));
    try (Engine engine = open("overlayfs")) {
      String first;
      try (SolveResult r = solve(engine, image)) {
        first = r.snapshotId();
        assertThat(r.cached()).isFalse();
      }
      ImageStats before = engine.imageStats();
      assertThat(before.unpacks()).isEqualTo(2);
      assertThat(before.downloads()).isEqualTo(3); // config + 2 layers; manifests are stored while resolving
      try (SolveResult r = solve(engine, image)) {
        assertThat(r.cached()).isTrue();
        assertThat(r.snapshotId()).isEqualTo(first);
        assertThat(statuses(r)).isEmpty();
      }
      assertThat(engine.imageStats()).isEqualTo(before);
    }
    try (Engine restarted = open("overlayfs"); SolveResult r = solve(restarted, image)) {
      assertThat(r.cached()).isTrue();
      assertThat(restarted.imageStats()).isEqualTo(new ImageStats(0, 0));
    }
  }

  @Test
  void imagesSharingABaseLayerShareItsSnapshot() throws Exception {
    try (Engine engine = open("overlayfs")) {
      try (SolveResult r = solve(engine, State.image(ref("test/changed:v1")))) {
        assertThat(statuses(r)).anyMatch(s -> s.id().startsWith("extracting "));
      }
      ImageStats before = engine.imageStats();
      try (SolveResult r = solve(engine, State.image(ref("test/second:v1"))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("platform")).hasContent("second");
        assertThat(t.root().resolve("bin/busybox")).isRegularFile();
        assertThat(statuses(r).stream().filter(s -> s.id().startsWith("extracting ")).map(VertexEvent.Status::id).distinct())
            .containsExactly("extracting " + TestImage.of("linux", "amd64", TestImages.base(), TestImages.platformLayer("second")).layerDigest(1).value());
      }
      ImageStats after = engine.imageStats();
      assertThat(after.unpacks() - before.unpacks()).isEqualTo(1);
      assertThat(after.downloads() - before.downloads()).isEqualTo(2); // its config and its own top layer
    }
  }

  @Test
  void pulledBlobsStayWhileTheImageNameIsKnownAndGoWithPruneAll() throws Exception {
    Path blobs = tmp.resolve("state-overlayfs/content/blobs/sha256");
    try (Engine engine = open("overlayfs")) {
      try (SolveResult r = solve(engine, State.image(ref("test/changed:v1")))) {
        assertThat(r.snapshotId()).isNotEmpty();
      }
      assertThat(engine.diskUsage(List.of("description~=^pulled layer sha256:"))).hasSize(2);
      long pulled = count(blobs);
      assertThat(pulled).isEqualTo(4); // manifest, config, 2 layers
      assertThat(engine.prune(List.of(GcPolicy.everything(List.of(), false)), r -> {})).hasSize(2);
      assertThat(count(blobs)).as("the name still pins its manifest and layers").isEqualTo(pulled);
      engine.prune(List.of(GcPolicy.everything(List.of(), true)), r -> {});
      assertThat(count(blobs)).isZero();
      assertThat(engine.diskUsage(List.of())).isEmpty();
      try (SolveResult r = solve(engine, State.image(ref("test/changed:v1"))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("bin/busybox")).isRegularFile();
      }
    }
  }

  private static long count(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.count();
    }
  }

  @Test
  void theOpPlatformPicksFromAnIndex() throws Exception {
    try (Engine engine = open("overlayfs")) {
      for (Platform p : List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64)) {
        try (SolveResult r = solve(engine, State.image(ref("test/multi:v1"), o -> o.platform(p))); MountedTree t = r.open()) {
          assertThat(t.root().resolve("platform")).hasContent(p.architecture());
        }
      }
      assertThatThrownBy(() -> solve(engine, State.image(ref("test/multi:v1"), o -> o.platform(Platform.of("linux", "s390x")))))
          .hasStackTraceContaining("failed to resolve source metadata for " + ref("test/multi:v1"))
          .hasStackTraceContaining("available: linux/amd64, linux/arm64");
    }
  }

  @Test
  void aMissingImageIsNamedInTheError() throws Exception {
    try (Engine engine = open("overlayfs")) {
      assertThatThrownBy(() -> solve(engine, State.image(ref("test/nope:latest"))))
          .hasStackTraceContaining("failed to resolve source metadata for " + ref("test/nope:latest"));
    }
  }

  @Test
  void theMetaResolverPinsTheIndexAndReturnsThePlatformsConfig() throws Exception {
    try (Engine engine = open("overlayfs")) {
      var resolved = engine.imageMetaResolver().resolve(ref("test/multi:v1"), Platform.LINUX_ARM64, null);
      assertThat(resolved.digest()).isEqualTo(dev.kiln.llb.Digest.of(TestImage.index(List.of(amd64, arm64))));
      assertThat(resolved.config()).isEqualTo(arm64.config());
      assertThat(resolved.ref()).isEqualTo(ref("test/multi:v1"));
      // The pinned reference then builds from the manifests stored while resolving.
      String pinned = ref("test/multi:v1") + "@" + resolved.digest().value();
      try (SolveResult r = solve(engine, State.image(pinned, o -> o.platform(Platform.LINUX_ARM64))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("platform")).hasContent("arm64");
      }
    }
  }

  @Test
  void runsACommandOnThePulledImage() throws Exception {
    State out = State.image(ref("test/changed:v1")).run(r -> r.shlex("sh -c 'echo hi > /x'")).root();
    try (Engine engine = open("overlayfs"); SolveResult r = solve(engine, out); MountedTree t = r.open()) {
      assertThat(t.root().resolve("x")).hasContent("hi");
      assertThat(t.root().resolve("etc/old")).doesNotExist();
    }
  }

  @Test
  void theSameImageFromAnOciLayoutIsTheSameCacheEntry() throws Exception {
    try (Engine engine = open("overlayfs")) {
      String fromRegistry;
      try (SolveResult r = solve(engine, State.image(ref("test/changed:v1")))) {
        fromRegistry = r.snapshotId();
      }
      BuildInputs inputs = BuildInputs.NONE.withOciLayouts(Map.of("local", layout));
      try (SolveResult r = engine.solve(marshal(State.ociLayout("local:changed", o -> {})), SolveRequest.of(inputs))) {
        assertThat(r.cached()).isTrue();
        assertThat(r.snapshotId()).isEqualTo(fromRegistry);
      }
    }
  }

  @Test
  void aMovedTagIsFollowedUnlessTheModeIsLocal() throws Exception {
    push("second", "test/moving:v1", false);
    State byDefault = State.image(ref("test/moving:v1"));
    State preferLocal = State.image(ref("test/moving:v1"), o -> o.resolveMode(ResolveMode.PREFER_LOCAL));
    try (Engine engine = open("overlayfs")) {
      try (SolveResult r = solve(engine, byDefault); MountedTree t = r.open()) {
        assertThat(t.root().resolve("platform")).hasContent("second");
      }
      push("changed", "test/moving:v1", false);
      try (SolveResult r = solve(engine, preferLocal); MountedTree t = r.open()) {
        assertThat(t.root().resolve("platform")).hasContent("second");
      }
      try (SolveResult r = solve(engine, byDefault); MountedTree t = r.open()) {
        assertThat(t.root().resolve("platform")).doesNotExist();
        assertThat(t.root().resolve("data/replaced")).hasContent("v2");
      }
    }
  }

  @Test
  void concurrentPullsOfImagesSharingABaseUnpackItOnce() throws Exception {
    try (Engine engine = open("overlayfs"); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> solves = new ArrayList<>();
      for (String repo : List.of("test/changed:v1", "test/second:v1", "test/changed:v1", "test/second:v1")) {
        solves.add(threads.submit(() -> {
          try (SolveResult r = solve(engine, State.image(ref(repo)))) {
            return r.snapshotId();
          }
        }));
      }
      for (Future<String> f : solves) f.get();
      assertThat(engine.imageStats().unpacks()).isEqualTo(3); // base once, each image's own top layer once
      assertThat(engine.imageStats().downloads()).isEqualTo(5); // two configs, three distinct layers
    }
  }

  static List<VertexEvent.Status> statuses(SolveResult r) {
    return r.progress().stream().map(ProgressEvent::event)
        .filter(e -> e instanceof VertexEvent.Status).map(e -> (VertexEvent.Status) e).toList();
  }
}
