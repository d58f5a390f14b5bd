package dev.kiln.engine;

import dev.kiln.engine.ops.InvalidDefinitionException;
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
    Job job = worker.solver().newJob(JobOptions.defaults().withNoCache(request.noCache()));
    if (request.listener() != null) job.subscribe(request.listener());
    try {
      CachedResult result = job.solve(target);
      return new SolveResult(job, result, worker.refs());
    } catch (RuntimeException e) {
      job.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    worker.close();
  }
}
