package dev.kiln.engine.cache.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.Digest;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import semantics: a hit from an imported cache is lazy. On an empty engine root, a fully cached
 * build whose image is pushed to the registry holding the cache starts no container, downloads no
 * layer (the registry's access log shows no layer GET) and pushes the byte-identical image; a build
 * whose last step changed downloads only the layers of the step it reuses. Needs root, runc and
 * docker-registry.
 */
class LazyImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BLOB_GET = Pattern.compile("\"GET /v2/\\S+/blobs/(sha256:[0-9a-f]{64}) ");
  private static final String EPOCH = "1700000000";

  @TempDir Path tmp;
  private LocalRegistry registry;
  private Path registryDir;

  @BeforeEach
  void baseImage() throws Exception {
    registryDir = Files.createDirectories(tmp.resolve("registry"));
    registry = LocalRegistry.start(registryDir);
    TestLayer busybox = new TestLayer().dir("bin", 0755)
        .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755, 0, 0).symlink("bin/sh", "busybox");
    TestImage base = TestImage.of("linux", "amd64", busybox.tar());
    registry.push(new TestImage.Layout(tmp.resolve("layout")).add("latest", base).dir(), "latest", "library/busybox");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Definition build(String lastStep) {
    State built = State.image(registry.host() + "/library/busybox:latest")
        .run(r -> r.args(List.of("/bin/sh", "-c", "echo one > /one"))).root()
        .run(r -> r.args(List.of("/bin/sh", "-c", "echo two > /two; date +%N > /random"))).root()
        .run(r -> r.args(List.of("/bin/sh", "-c", lastStep))).root();
    return built.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64));
  }

  @Test
  void aFullyCachedBuildPushedToTheCacheRegistryDownloadsNothing() throws Exception {
    Definition definition = build("echo three > /three");
    String cache = registry.host() + "/team/cache:build";
    Pushed a = buildOnStoreA(definition, "team/app:a", Optional.of(cache));
    int mark = accessLog().size();
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("rootB")));
        SolveResult r = engine.solve(definition, importing(events, Map.of("ref", cache)))) {
      assertThat(r.cached()).isTrue();
      Pushed b = push(engine, new ExportInput(r.content(), Optional.empty()), registry.host() + "/team/app:b");
      assertThat(b.digest()).isEqualTo(a.digest());
      assertThat(engine.imageStats().unpacks()).isZero();
    }
    assertThat(execsStarted(events)).isZero();
    assertThat(a.layers()).hasSize(4);
    assertThat(blobGets(mark)).doesNotContainAnyElementsOf(a.layers());
  }

  @Test
  void pushingToAnotherRegistryFetchesTheBlobsToUploadThemWithoutUnpacking() throws Exception {
    String cache = registry.host() + "/team/cache:build";
    Pushed a = buildOnStoreA(build("echo three > /three"), "team/app:a", Optional.of(cache));
    int mark = accessLog().size();
    try (LocalRegistry other = LocalRegistry.start(Files.createDirectories(tmp.resolve("other")));
        Engine engine = Engine.open(EngineConfig.at(tmp.resolve("rootB")))) {
      SolveRequest request = importing(new CopyOnWriteArrayList<>(), Map.of("ref", cache));
      try (SolveResult r = engine.solve(build("echo three > /three"), request)) {
        Pushed b = push(engine, new ExportInput(r.content(), Optional.empty()), other.host() + "/team/app:b");
        assertThat(b.digest()).isEqualTo(a.digest());
      }
      assertThat(engine.imageStats().unpacks()).isZero();
    }
    // The other registry has none of the layers and cannot mount them: each is fetched once, to upload it.
    assertThat(blobGets(mark).stream().filter(a.layers()::contains)).containsExactlyInAnyOrderElementsOf(a.layers());
  }

  @Test
  void anInlineCacheImportedFromTheImagePushesTheSameImageWithoutDownloading() throws Exception {
    Definition definition = build("echo three > /three");
    String imageA = registry.host() + "/team/app:1";
    Pushed a = buildOnStoreA(definition, "team/app:1", Optional.empty());
    int mark = accessLog().size();
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("rootB")));
        SolveResult r = engine.solve(definition, importing(events, Map.of("ref", imageA)))) {
      assertThat(r.cached()).isTrue();
      ExportInput input = new ExportInput(r.content(), Optional.empty()).withInlineCache(engine.inlineCache(r));
      assertThat(push(engine, input, registry.host() + "/team/app:2").digest()).isEqualTo(a.digest());
      assertThat(engine.imageStats().unpacks()).isZero();
    }
    assertThat(execsStarted(events)).isZero();
    assertThat(blobGets(mark)).doesNotContainAnyElementsOf(a.layers());
  }

  @Test
  void aBuildWhoseLastStepChangedDownloadsOnlyTheLayersOfTheStepItReuses() throws Exception {
    String cache = registry.host() + "/team/cache:build";
    Pushed a = buildOnStoreA(build("echo three > /three"), "team/app:a", Optional.of(cache));
    int mark = accessLog().size();
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("rootB")));
        SolveResult r = engine.solve(build("echo changed > /three"), importing(events, Map.of("ref", cache)))) {
      assertThat(r.cached()).isFalse();
      try (var tree = r.open()) {
        assertThat(tree.root().resolve("two")).content().isEqualTo("two\n");
        assertThat(tree.root().resolve("three")).content().isEqualTo("changed\n");
      }
    }
    assertThat(execsStarted(events)).isEqualTo(1);
    // The reused step's chain (base, one, two) is fetched once each; the old last layer never.
    // (Other GETs are the cache config and the base image's config, which keys need.)
    assertThat(blobGets(mark).stream().filter(a.layers()::contains))
        .containsExactlyInAnyOrderElementsOf(a.layers().subList(0, 3));
  }

  @Test
  void concurrentBuildsNeedingTheSameImportedChainFetchAndUnpackItOnce() throws Exception {
    String cache = registry.host() + "/team/cache:build";
    Pushed a = buildOnStoreA(build("echo three > /three"), "team/app:a", Optional.of(cache));
    int mark = accessLog().size();
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("rootB")))) {
      List<ProgressEvent> events = new CopyOnWriteArrayList<>();
      Callable<Void> left = () -> solveAndRead(engine, build("echo left > /three"), cache, events);
      Callable<Void> right = () -> solveAndRead(engine, build("echo right > /three"), cache, events);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (Future<Void> f : pool.invokeAll(List.of(left, right))) f.get();
      }
      assertThat(execsStarted(events)).isEqualTo(2);
      // Each build imported the cache on its own; the chain (base, one, two) was still unpacked once.
      assertThat(engine.imageStats().unpacks()).isEqualTo(3);
    }
    assertThat(blobGets(mark).stream().filter(a.layers()::contains))
        .containsExactlyInAnyOrderElementsOf(a.layers().subList(0, 3));
  }

  private static Void solveAndRead(Engine engine, Definition definition, String cache, List<ProgressEvent> events)
      throws Exception {
    try (SolveResult r = engine.solve(definition, importing(events, Map.of("ref", cache)));
        var tree = r.open()) {
      assertThat(tree.root().resolve("two")).content().isEqualTo("two\n");
    }
    return null;
  }

  private record Pushed(String digest, List<String> layers) {}

  /** Builds on empty store A, pushes the image, exports the cache to {@code cacheRef} (none: inline, in the image). */
  private Pushed buildOnStoreA(Definition definition, String repositoryTag, Optional<String> cacheRef) throws Exception {
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("rootA")));
        SolveResult r = engine.solve(definition, SolveRequest.of(BuildInputs.NONE))) {
      ExportInput input = new ExportInput(r.content(), Optional.empty());
      Pushed pushed = push(engine, cacheRef.isPresent() ? input : input.withInlineCache(engine.inlineCache(r)),
          registry.host() + "/" + repositoryTag);
      if (cacheRef.isPresent()) {
        var options = CacheExportOptions.parse("registry", Map.of("ref", cacheRef.get(), "mode", "max"));
        assertThat(engine.exportCache(r, options)).isPresent();
      }
      return pushed;
    }
  }

  /** Pushes the image of {@code input} to {@code name} (registry/repository:tag). */
  private static Pushed push(Engine engine, ExportInput input, String name) throws Exception {
    String digest = engine.exporters().resolve("image", Map.of("name", name, "push", "true", "source-date-epoch", EPOCH))
        .export(input, OutputStream.nullOutputStream()).response().get("containerimage.digest");
    JsonNode manifest;
    try (InputStream in = engine.content().open(Digest.parse(digest))) {
      manifest = JSON.readTree(in);
    }
    List<String> layers = new ArrayList<>();
    manifest.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
    return new Pushed(digest, layers);
  }

  private static SolveRequest importing(List<ProgressEvent> events, Map<String, String> attrs) {
    return SolveRequest.of(BuildInputs.NONE).withListener(events::add)
        .withCacheImports(List.of(CacheImportOptions.parse("registry", attrs)));
  }

  private static long execsStarted(List<ProgressEvent> events) {
    return events.stream()
        .filter(e -> e.event() instanceof VertexEvent.Started && e.vertex().name().startsWith("/bin/sh")).count();
  }

  private List<String> accessLog() throws Exception {
    return Files.readAllLines(registryDir.resolve("registry.log"));
  }

  /** The blobs GET from the registry since access log line {@code mark} (its combined-format lines). */
  private List<String> blobGets(int mark) throws Exception {
    List<String> lines = accessLog();
    List<String> blobs = new ArrayList<>();
    for (String line : lines.subList(mark, lines.size())) {
      Matcher m = BLOB_GET.matcher(line);
      if (m.find()) blobs.add(m.group(1));
    }
    return blobs;
  }
}
