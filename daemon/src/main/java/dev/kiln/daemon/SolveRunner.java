package dev.kiln.daemon;

import dev.kiln.daemon.export.BuildResults;
import dev.kiln.daemon.export.CacheSpecs;
import dev.kiln.daemon.export.ExportSpec;
import dev.kiln.daemon.export.Exporter;
import dev.kiln.daemon.frontend.FrontendRunner;
import dev.kiln.daemon.frontend.RemoteContext;
import dev.kiln.daemon.gateway.GatewayBuild;
import dev.kiln.daemon.gateway.GatewayRegistry;
import dev.kiln.daemon.progress.BuildJob;
import dev.kiln.daemon.progress.InternalStep;
import dev.kiln.daemon.session.SessionLocalDirs;
import dev.kiln.daemon.session.SessionSecrets;
import dev.kiln.daemon.session.SessionSshAgents;
import dev.kiln.daemon.session.SyncDirs;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.ExportInputs;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.LocalDirs;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.proto.control.SolveResponse;
import dev.kiln.proto.pb.Definition;
import dev.kiln.session.tunnel.DaemonSession;
import dev.kiln.solver.VertexFailedException;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code Control.Solve}: find the definition (given, or produced by an in-process frontend
 * reading the client's files), solve it on the engine with the session's locals and secrets, and
 * export the result. Failures become {@link BuildFailure}s carrying the gRPC status to return.
 */
final class SolveRunner {
  private final Engine engine;
  private final BuildJob job;
  private final DaemonSession session;
  private final Path workDir;
  private final GatewayRegistry gateways;
  private final SyncDirs syncDirs;

  SolveRunner(Engine engine, BuildJob job, DaemonSession session, Path workDir, GatewayRegistry gateways, SyncDirs syncDirs) {
    this.engine = engine;
    this.syncDirs = syncDirs;
    this.gateways = gateways;
    this.job = job;
    this.session = session;
    this.workDir = workDir;
  }

  SolveResponse run(SolveRequest request) throws Exception {
    ExportSpec export = ExportSpec.of(request);
    CacheSpecs caches = cacheSpecs(request, session);
    try (SessionLocalDirs sessionLocals = new SessionLocalDirs(session, workDir, syncDirs);
        RemoteContextScope remote = RemoteContextScope.of(request, sessionLocals, engine, new SessionSecrets(session),
            new SessionSshAgents(session), job)) {
      LocalDirs locals = remote.locals();
      BuildInputs inputs = new BuildInputs(locals, new SessionSecrets(session)).withSshAgents(new SessionSshAgents(session));
      Map<String, String> attrs = request.getFrontendAttrsMap();
      dev.kiln.engine.SolveRequest solve = new dev.kiln.engine.SolveRequest(inputs, attrs.containsKey("no-cache"),
          entitlements(request), job).withCacheImports(caches.imports());
      Built built = definition(request, locals, def -> engine.solve(def, solve));
      List<SolveResult> results = new ArrayList<>();
      try {
        List<ExportInput> exportInputs = new ArrayList<>();
        List<String> platformIds = new ArrayList<>();
        for (PlatformBuild p : built.platforms()) {
          platformIds.add(p.platformId());
          job.converter().addDefinition(p.definition());
          SolveResult result;
          try {
            result = engine.solve(p.definition(), solve);
          } catch (VertexFailedException failed) {
            throw new SourcedFailure(failed, SourceDetail.of(p.definition(), failed.vertex().digest()).orElse(null));
          }
          results.add(result);
          ExportInput input = new ExportInput(result.content(), Optional.ofNullable(p.imageConfig()));
          exportInputs.add(caches.inline() ? input.withInlineCache(engine.inlineCache(result)) : input);
        }
        BuildResults exported = new BuildResults(results, platformIds, new ExportInputs(exportInputs, built.multiPlatform()));
        Map<String, String> response = Exporter.export(export, exported, session, engine, job, workDir.resolve("export"));
        Map<String, String> cacheResponse = exportCaches(caches, results);
        return SolveResponse.newBuilder().putAllExporterResponse(response).putAllExporterResponse(cacheResponse).build();
      } finally {
        results.forEach(SolveResult::close);
      }
    }
  }

  private static CacheSpecs cacheSpecs(SolveRequest request, DaemonSession session) throws BuildFailure {
    try {
      return CacheSpecs.of(request, session);
    } catch (IllegalArgumentException e) {
      throw new BuildFailure(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
    }
  }

  /**
   * Each cache export, for every platform's result, shown as one internal step. Returns BuildKit's
   * {@code cache.manifest} (the cache index's descriptor as JSON) for a cache written into the
   * client's store: the client names it in that directory's {@code index.json}.
   */
  private Map<String, String> exportCaches(CacheSpecs caches, List<SolveResult> results) throws java.io.IOException {
    Map<String, String> response = new java.util.HashMap<>();
    for (var options : caches.exports()) {
      InternalStep step = InternalStep.start(job, "exporting cache to " + options.type().name().toLowerCase(java.util.Locale.ROOT));
      try {
        for (SolveResult result : results) {
          var index = engine.exportCache(result, options);
          if (index.isPresent() && options.clientStore().isPresent()) {
            response.put("cache.manifest", dev.kiln.engine.exporter.DescriptorJson.MAPPER.writeValueAsString(
                dev.kiln.engine.exporter.DescriptorJson.of(index.get())));
          }
        }
        step.done(null);
      } catch (java.io.IOException | RuntimeException e) {
        step.done(e.getMessage());
        throw e;
      }
    }
    return response;
  }

  /** One platform's graph and the image config a frontend produced with it (null without a frontend). */
  private record PlatformBuild(Definition definition, byte[] imageConfig, String platformId) {}

  /** What to solve: one graph per platform; {@code multiPlatform} asks image outputs for an index. */
  private record Built(List<PlatformBuild> platforms, boolean multiPlatform) {
    static Built single(Definition definition, byte[] imageConfig) {
      return new Built(List.of(new PlatformBuild(definition, imageConfig, "")), false);
    }
  }

  /** {@code locals} serves the frontend: the session's directories, or a remote context. */
  private Built definition(SolveRequest request, LocalDirs locals, GatewayBuild.RefSolver refs) throws Exception {
    if (request.hasDefinition() && request.getDefinition().getDefCount() > 0) {
      return Built.single(request.getDefinition(), null);
    }
    if (request.getFrontend().isEmpty()) {
      // Gateway forwarding: the client runs the frontend through LLBBridge and Returns the result.
      GatewayBuild gateway = new GatewayBuild(locals, request.getSession(), refs);
      gateways.register(job.ref(), gateway);
      try {
        return Built.single(gateway.awaitResult(session), null);
      } finally {
        gateways.remove(job.ref());
      }
    }
    String filename = request.getFrontendAttrsMap().getOrDefault("filename", "Dockerfile");
    InternalStep step = InternalStep.start(job, "[internal] load build definition from " + filename);
    try {
      var frontend = FrontendRunner.run(request.getFrontend(), request.getFrontendAttrsMap(), locals,
          request.getSession(), engine.imageMetaResolver());
      step.done(null);
      List<PlatformBuild> platforms = frontend.platforms().stream()
          .map(p -> new PlatformBuild(p.definition(), p.imageConfig(), p.platform().toString())).toList();
      return new Built(platforms, frontend.multiPlatform());
    } catch (FrontendRunner.FrontendFailure e) {
      // A mistake located in the file: the definition was loaded, as buildx shows it (DONE, then the
      // error with the file's lines); anything else failed the loading itself.
      step.done(e.location().isPresent() ? null : e.getMessage());
      throw new BuildFailure(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).withCause(e),
          e.location().orElse(null));
    }
  }

  /** The remote build context of a request, if its {@code context} option is a URL; closed after the build. */
  private record RemoteContextScope(LocalDirs locals, RemoteContext remote) implements AutoCloseable {
    static RemoteContextScope of(SolveRequest request, LocalDirs session, Engine engine, SessionSecrets secrets,
        SessionSshAgents sshAgents, BuildJob job) {
      Map<String, String> attrs = request.getFrontendAttrsMap();
      return RemoteContext.of(attrs.get("context"), attrs.getOrDefault("filename", "Dockerfile"), session, engine, secrets,
          sshAgents, job)
          .map(r -> new RemoteContextScope(r, r)).orElse(new RemoteContextScope(session, null));
    }

    @Override
    public void close() throws java.io.IOException {
      if (remote != null) remote.close();
    }
  }

  private static Set<String> entitlements(SolveRequest request) {
    return new HashSet<>(request.getEntitlementsList());
  }
}
