package dev.kiln.engine;

import dev.kiln.engine.gc.ActiveBuilds;
import dev.kiln.engine.gc.GcPolicy;
import dev.kiln.engine.gc.UsageRecord;
import dev.kiln.engine.ops.InvalidDefinitionException;
import dev.kiln.engine.snapshot.Leases;
import dev.kiln.engine.ops.LlbLoader;
import dev.kiln.engine.ops.OpRunners;
import dev.kiln.engine.ops.VertexGraph;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.Worker;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.CachedResult;
import dev.kiln.solver.Edge;
import dev.kiln.solver.Job;
import dev.kiln.solver.JobOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's public face: solve LLB definitions into snapshots, with every step cached by
 * content and shared between concurrent builds. Thread-safe; one per state directory.
 */
public final class Engine implements AutoCloseable {
  private final Worker worker;

  private Engine(Worker worker) {
    this.worker = worker;
  }

  /** The worker behind this engine, for tests in this package. */
  Worker worker() {
    return worker;
  }

  public static Engine open(EngineConfig config) throws IOException {
    return new Engine(Worker.open(config));
  }

  /**
   * Resolves image names to a pinned digest and config for frontends (Dockerfile {@code FROM}),
   * sharing the image sources' registry client and content store.
   */
  public ImageMetaResolver imageMetaResolver() {
    return worker.imageMetaResolver();
  }

  /** Blobs downloaded and image layers unpacked since this engine opened. */
  public Worker.ImageStats imageStats() {
    return worker.imageStats();
  }

  /** Image exporters ({@code oci}, {@code docker}) over this engine's snapshots and content. */
  public dev.kiln.engine.exporter.Exporters exporters() {
    return worker.exporters();
  }

  /** Blobs by digest: pulled layers, downloaded files. */
  public dev.kiln.engine.content.ContentStore content() {
    return worker.content();
  }

  /** The snapshot driver in use: {@code overlayfs} or {@code copy}. */
  public String snapshotter() {
    return worker.snapshotter();
  }

  /**
   * Solves {@code definition}. Blocks until the result exists; the caller closes the returned
   * result. Progress goes to the request's listener, if any, as it happens.
   *
   * @throws InvalidDefinitionException when the definition cannot be built (names the vertex)
   * @throws dev.kiln.solver.SolveException when a step fails or the build is cancelled
   */
  public SolveResult solve(Definition definition, SolveRequest request) throws InvalidDefinitionException, IOException {
    LlbLoader.Loaded loaded = LlbLoader.load(definition, EngineCaps.SUPPORTED);
    OpRunners runners = new OpRunners(worker.refs(), worker.checksums(), worker.sources(),
        () -> worker.execServices(request.entitlements()), request.inputs());
    Edge target = new VertexGraph(runners).build(loaded);
    // From here until the result is closed (after its export), the collector keeps what this build uses.
    ActiveBuilds.Build build = worker.builds().begin();
    AutoCloseable imports = worker.remoteCaches().importing(request.cacheImports());
    Job job = worker.solver().newJob(JobOptions.defaults().withNoCache(request.noCache()));
    if (request.listener() != null) job.subscribe(request.listener());
    try {
      CachedResult result = job.solve(target);
      return new SolveResult(job, result, worker.refs(), build, imports);
    } catch (RuntimeException e) {
      job.close();
      SolveResult.closeImports(imports);
      build.close();
      throw e;
    }
  }

  /**
   * Exports the cache of {@code result} ({@code --export-cache}); returns the cache index's
   * descriptor, empty when the export failed and {@code ignore-error} was set.
   */
  public java.util.Optional<dev.kiln.engine.exporter.Descriptor> exportCache(SolveResult result,
      dev.kiln.engine.cache.remote.CacheExportOptions options) throws IOException {
    return worker.remoteCaches().export(result.cacheKeys(), options);
  }

  /**
   * The inline cache of {@code result} ({@code moby.buildkit.cache.v0}, {@code --export-cache
   * type=inline}): its records in {@code mode=min}, result layers indexing the image's layers.
   */
  public String inlineCache(SolveResult result) throws IOException {
    var options = dev.kiln.engine.cache.remote.CacheExportOptions.parse("inline", java.util.Map.of());
    // The definition-based chain only: an engine that hit this cache knows the result by that key
    // alone, so its own inline cache (and image) comes out byte for byte the same.
    List<String> first = List.of(result.cacheKeys().getFirst());
    var cache = worker.remoteCaches().walk(first, options);
    return dev.kiln.engine.cache.remote.InlineCache.encode(cache, first.getFirst());
  }

  /** Usage records matching BuildKit-style {@code filters} (empty: all), as {@code kiln du} lists them. */
  public List<UsageRecord> diskUsage(List<String> filters) throws IOException {
    return worker.collector().usage(filters);
  }

  /** As {@link #diskUsage(List)}, leaving out records used within {@code ageLimit} (zero: no limit). */
  public List<UsageRecord> diskUsage(List<String> filters, Duration ageLimit) throws IOException {
    return worker.collector().usage(filters, ageLimit);
  }

  /**
   * Applies {@code policies} in order now and returns the removed records; {@code removed} hears
   * of each as it goes. Never removes what a running build, a RUN step's cache mount or an export
   * in progress uses.
   */
  public List<UsageRecord> prune(List<GcPolicy> policies, Consumer<UsageRecord> removed) throws IOException {
    return worker.collector().prune(policies, removed);
  }

  /**
   * A lease: snapshots and blobs added to it survive garbage collection until it is closed or
   * {@code ttl} passes (null: until closed) — for exports and cache exports that outlive a build.
   */
  public Leases.Lease lease(Duration ttl) throws IOException {
    return worker.leases().acquire(ttl);
  }

  /**
   * Sets the policies of automatic collection, which then runs after every build and, when
   * {@code interval} is not null, on that timer (empty policies: off).
   */
  public void automaticGc(List<GcPolicy> policies, Duration interval) {
    worker.autoCollector().policies(policies);
    if (!policies.isEmpty() && interval != null) worker.autoCollector().startTimer(interval);
  }

  @Override
  public void close() throws IOException {
    worker.close();
  }
}
