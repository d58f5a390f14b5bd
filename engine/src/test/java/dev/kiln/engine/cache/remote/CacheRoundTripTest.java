package dev.kiln.engine.cache.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a build with RUN steps exports its cache from one empty engine root; the same build on
 * a second empty root that imports it runs no RUN step (every exec vertex CACHED) and writes a
 * byte-identical image, without unpacking any layer. For {@code type=local} and {@code type=registry}. Needs root, runc, docker-registry.
 */
class CacheRoundTripTest {
  @TempDir Path tmp;
  private LocalRegistry registry;
  private Definition definition;

  @BeforeEach
  void baseImage() throws Exception {
    registry = LocalRegistry.start(Files.createDirectories(tmp.resolve("registry")));
    TestLayer busybox = new TestLayer().dir("bin", 0755)
        .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755, 0, 0).symlink("bin/sh", "busybox");
    TestImage base = TestImage.of("linux", "amd64", busybox.tar());
    registry.push(new TestImage.Layout(tmp.resolve("layout")).add("latest", base).dir(), "latest", "library/busybox");
    State built = State.image(registry.host() + "/library/busybox:latest")
        .run(r -> r.args(List.of("/bin/sh", "-c", "echo one > /one"))).root()
        .run(r -> r.args(List.of("/bin/sh", "-c", "echo two > /two; date +%N > /random"))).root();
    definition = built.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void localCacheRoundTrip() throws Exception {
    Path dir = tmp.resolve("cache");
    roundTrip(Map.of("dest", dir.toString(), "mode", "max"), "local", Map.of("src", dir.toString()));
    assertThat(dir.resolve("index.json")).content().contains("\"org.opencontainers.image.ref.name\":\"latest\"");
  }

  @Test
  void registryCacheRoundTrip() throws Exception {
    String ref = registry.host() + "/team/cache:build";
    roundTrip(Map.of("ref", ref, "mode", "max"), "registry", Map.of("ref", ref));
  }

  @Test
  void imageManifestCachesRoundTripInARegistryAndADirectory() throws Exception {
    String ref = registry.host() + "/team/cache:manifest";
    var pushed = roundTrip(Map.of("ref", ref, "mode", "max", "image-manifest", "true"), "registry", Map.of("ref", ref));
    assertThat(pushed.mediaType()).isEqualTo(CacheIndex.OCI_MANIFEST);
    Path dir = tmp.resolve("manifest-cache");
    var written = roundTrip(Map.of("dest", dir.toString(), "image-manifest", "true"), "local", Map.of("src", dir.toString()));
    assertThat(written.mediaType()).isEqualTo(CacheIndex.OCI_MANIFEST);
    assertThat(dir.resolve("index.json")).content().contains(CacheIndex.OCI_MANIFEST);
  }

  @Test
  void anUnreadableImportIsSkippedAndAFailedExportFailsUnlessIgnored() throws Exception {
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine a = Engine.open(EngineConfig.at(tmp.resolve("rootA")));
        SolveResult r = a.solve(definition, SolveRequest.of(BuildInputs.NONE).withListener(events::add)
            .withCacheImports(List.of(CacheImportOptions.parse("local", Map.of("src", tmp.resolve("none").toString())))))) {
      assertThat(r.cached()).isFalse();
      // Nothing listens on port 1: the push fails.
      Map<String, String> unreachable = Map.of("ref", "127.0.0.1:1/team/cache:x");
      assertThatThrownBy(() -> a.exportCache(r, CacheExportOptions.parse("registry", unreachable)))
          .isInstanceOf(java.io.IOException.class);
      var ignoring = new java.util.HashMap<>(unreachable);
      ignoring.put("ignore-error", "true");
      assertThat(a.exportCache(r, CacheExportOptions.parse("registry", ignoring))).isEmpty();
    }
    assertThat(events).anyMatch(e -> e.event() instanceof VertexEvent.Started && e.vertex().name().contains("echo two"));
  }

  /** Returns the descriptor of the exported cache index (or manifest). */
  private dev.kiln.engine.exporter.Descriptor roundTrip(Map<String, String> exportAttrs, String type,
      Map<String, String> importAttrs) throws Exception {
    String imageA;
    dev.kiln.engine.exporter.Descriptor exported;
    // Each round trip on fresh roots: a second one in a test must not find the first one's records.
    Path roots = Files.createTempDirectory(tmp, "roots");
    try (Engine a = Engine.open(EngineConfig.at(roots.resolve("rootA")));
        SolveResult r = a.solve(definition, SolveRequest.of(BuildInputs.NONE))) {
      imageA = image(a, r);
      exported = a.exportCache(r, CacheExportOptions.parse(type, exportAttrs)).orElseThrow();
    }
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine b = Engine.open(EngineConfig.at(roots.resolve("rootB")));
        SolveResult r = b.solve(definition, SolveRequest.of(BuildInputs.NONE).withListener(events::add)
            .withCacheImports(List.of(CacheImportOptions.parse(type, importAttrs))))) {
      assertThat(r.cached()).isTrue();
      assertThat(image(b, r)).isEqualTo(imageA);
      // The OCI archive holds the imported blobs as they are: fetched, never unpacked.
      assertThat(b.imageStats().unpacks()).isZero();
    }
    assertThat(events).noneMatch(e -> e.event() instanceof VertexEvent.Started && e.vertex().name().startsWith("/bin/sh"));
    assertThat(events).anyMatch(e -> e.event() instanceof VertexEvent.Cached && e.vertex().name().contains("echo two"));
    return exported;
  }

  private static String image(Engine engine, SolveResult r) throws Exception {
    return engine.exporters().resolve("oci", Map.of("source-date-epoch", "1700000000"))
        .export(new ExportInput(r.content(), java.util.Optional.empty()), OutputStream.nullOutputStream())
        .response().get("containerimage.digest");
  }
}
