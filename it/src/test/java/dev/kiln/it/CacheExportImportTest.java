package dev.kiln.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.cache.remote.CacheExportOptions;
import dev.kiln.engine.cache.remote.CacheImportOptions;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.frontend.FrontendResult;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance for cache export and import: a Dockerfile with COPY and RUN steps is built on an empty
 * engine root that exports its cache; the same build on a second empty root importing that cache
 * starts no RUN container (the last RUN vertex CACHED, the ones below it not needed) and writes a byte-identical image. Registry
 * ({@code mode=max}), local directory and inline cache. Needs root, runc, docker-registry and skopeo.
 */
class CacheExportImportTest {
  private static final String EPOCH = "1700000000";
  @TempDir static Path shared;
  @TempDir Path tmp;
  private static KilnFixture kiln;
  private Path ctx;
  private FrontendResult converted;

  @BeforeAll
  static void start() throws Exception {
    kiln = KilnFixture.start(shared);
  }

  @AfterAll
  static void stop() throws Exception {
    kiln.close();
  }

  @BeforeEach
  void context() throws Exception {
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("a.txt"), "from the context\n");
    Files.writeString(ctx.resolve("Dockerfile"), """
        FROM BUSYBOX
        COPY a.txt /src/
        RUN cat /src/a.txt > /one && echo one >> /one
        RUN sleep 0.01 && ls -l / > /listing && echo two > /two
        """.replace("BUSYBOX", kiln.busybox));
    converted = kiln.convert(ctx, Map.of("build-arg:SOURCE_DATE_EPOCH", EPOCH));
  }

  @Test
  void registryCacheInModeMax() throws Exception {
    String ref = kiln.registry.host() + "/team/cache:max";
    roundTrip(e -> e.exportCache(e.result, CacheExportOptions.parse("registry", Map.of("ref", ref, "mode", "max"))),
        CacheImportOptions.parse("registry", Map.of("ref", ref)), false);
  }

  @Test
  void localCacheDirectory() throws Exception {
    Path dir = tmp.resolve("cache");
    roundTrip(e -> e.exportCache(e.result, CacheExportOptions.parse("local", Map.of("dest", dir.toString(), "mode", "max"))),
        CacheImportOptions.parse("local", Map.of("src", dir.toString())), false);
  }

  @Test
  void inlineCacheImportedFromTheImage() throws Exception {
    String image = kiln.registry.host() + "/team/app:inline";
    roundTrip(e -> {}, CacheImportOptions.parse("registry", Map.of("ref", image)), true);
  }

  /** A finished build on one root, with its engine. */
  private record Built(Engine engine, SolveResult result) {
    Optional<?> exportCache(SolveResult r, CacheExportOptions o) throws Exception {
      return engine.exportCache(r, o);
    }
  }

  @FunctionalInterface
  private interface CacheWrite {
    void write(Built b) throws Exception;
  }

  private void roundTrip(CacheWrite export, CacheImportOptions imported, boolean inline) throws Exception {
    String digestA;
    List<ProgressEvent> eventsA = new CopyOnWriteArrayList<>();
    try (Engine a = Engine.open(EngineConfig.at(tmp.resolve("rootA")));
        SolveResult r = a.solve(converted.definition(), request(eventsA, List.of()))) {
      digestA = image(a, r, inline, "a");
      export.write(new Built(a, r));
    }
    assertThat(runs(eventsA, VertexEvent.Started.class)).hasSize(2);

    List<ProgressEvent> eventsB = new CopyOnWriteArrayList<>();
    try (Engine b = Engine.open(EngineConfig.at(tmp.resolve("rootB")));
        SolveResult r = b.solve(converted.definition(), request(eventsB, List.of(imported)))) {
      assertThat(image(b, r, inline, "b")).isEqualTo(digestA);
      // The imported result stays remote: an image is made of its blobs, never of unpacked layers.
      assertThat(b.imageStats().unpacks()).isZero();
    }
    assertThat(runs(eventsB, VertexEvent.Started.class)).isEmpty();
    // The last step's hit makes the steps below it unnecessary: they are not even looked at.
    assertThat(runs(eventsB, VertexEvent.Cached.class)).singleElement().asString().contains("echo two");
  }

  private SolveRequest request(List<ProgressEvent> events, List<CacheImportOptions> imports) {
    return SolveRequest.of(new BuildInputs(Map.of("context", ctx), Map.of())).withListener(events::add)
        .withCacheImports(imports);
  }

  private static List<String> runs(List<ProgressEvent> events, Class<?> kind) {
    return events.stream().filter(e -> kind.isInstance(e.event()) && e.vertex().name().contains("RUN "))
        .map(e -> e.vertex().name()).distinct().toList();
  }

  /** The image's manifest digest; with {@code inline} it is pushed with its inline cache. */
  private String image(Engine engine, SolveResult r, boolean inline, String tag) throws Exception {
    ExportInput input = new ExportInput(r.content(), Optional.ofNullable(converted.imageConfig()));
    if (!inline) {
      return engine.exporters().resolve("oci", Map.of("source-date-epoch", EPOCH))
          .export(input, OutputStream.nullOutputStream()).response().get("containerimage.digest");
    }
    String name = kiln.registry.host() + "/team/app:" + (tag.equals("a") ? "inline" : "inline-b");
    return engine.exporters().resolve("image", Map.of("name", name, "push", "true", "source-date-epoch", EPOCH))
        .export(input.withInlineCache(engine.inlineCache(r)), OutputStream.nullOutputStream())
        .response().get("containerimage.digest");
  }
}
