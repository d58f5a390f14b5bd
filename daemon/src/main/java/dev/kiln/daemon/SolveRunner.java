package dev.kiln.daemon;

import dev.kiln.daemon.export.ExportSpec;
import dev.kiln.daemon.export.Exporter;
import dev.kiln.daemon.frontend.FrontendRunner;
import dev.kiln.daemon.gateway.GatewayBuild;
import dev.kiln.daemon.gateway.GatewayRegistry;
import dev.kiln.daemon.progress.BuildJob;
import dev.kiln.daemon.session.SessionLocalDirs;
import dev.kiln.daemon.session.SessionSecrets;
import dev.kiln.daemon.session.SessionSshAgents;
import dev.kiln.daemon.session.SyncDirs;
import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.proto.control.SolveResponse;
import dev.kiln.proto.pb.Definition;
import dev.kiln.session.tunnel.DaemonSession;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
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
    try (SessionLocalDirs locals = new SessionLocalDirs(session, workDir, syncDirs)) {
      BuildInputs inputs = new BuildInputs(locals, new SessionSecrets(session)).withSshAgents(new SessionSshAgents(session));
      Map<String, String> attrs = request.getFrontendAttrsMap();
      dev.kiln.engine.SolveRequest solve = new dev.kiln.engine.SolveRequest(inputs, attrs.containsKey("no-cache"),
          entitlements(request), job);
      Built built = definition(request, locals, def -> engine.solve(def, solve));
      Definition definition = built.definition();
      job.converter().addDefinition(definition);
      try (SolveResult result = engine.solve(definition, solve)) {
        Map<String, String> response = Exporter.export(export, result, session, engine, built.imageConfig());
        return SolveResponse.newBuilder().putAllExporterResponse(response).build();
      }
    }
  }

  /** What to solve, and the image config a frontend produced with it (null without a frontend). */
  private record Built(Definition definition, byte[] imageConfig) {}

  private Built definition(SolveRequest request, SessionLocalDirs locals, GatewayBuild.RefSolver refs) throws Exception {
    if (request.hasDefinition() && request.getDefinition().getDefCount() > 0) {
      return new Built(request.getDefinition(), null);
    }
    if (request.getFrontend().isEmpty()) {
      // Gateway forwarding: the client runs the frontend through LLBBridge and Returns the result.
      GatewayBuild gateway = new GatewayBuild(locals, request.getSession(), refs);
      gateways.register(job.ref(), gateway);
      try {
        return new Built(gateway.awaitResult(session), null);
      } finally {
        gateways.remove(job.ref());
      }
    }
    String filename = request.getFrontendAttrsMap().getOrDefault("filename", "Dockerfile");
    FrontendStep step = FrontendStep.start(job, "[internal] load build definition from " + filename);
    try {
      var frontend = FrontendRunner.run(request.getFrontend(), request.getFrontendAttrsMap(), locals,
          request.getSession(), engine.imageMetaResolver());
      step.done(null);
      return new Built(frontend.definition(), frontend.imageConfig());
    } catch (FrontendRunner.FrontendFailure e) {
      step.done(e.getMessage());
      throw new BuildFailure(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).withCause(e));
    }
  }

  private static Set<String> entitlements(SolveRequest request) {
    return new HashSet<>(request.getEntitlementsList());
  }
}
