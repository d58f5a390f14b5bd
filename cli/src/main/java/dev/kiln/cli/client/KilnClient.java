package dev.kiln.cli.client;

import dev.kiln.cli.build.OutputSpec;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.proto.control.SolveResponse;
import dev.kiln.proto.control.StatusRequest;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.session.auth.AuthProvider;
import dev.kiln.session.filesend.FileSendProvider;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.secrets.SecretsProvider;
import dev.kiln.session.ssh.SshProvider;
import dev.kiln.session.tunnel.ClientSession;
import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a build against a daemon the way buildctl does: open a session exposing the client's
 * directories, secrets and output, follow {@code Status}, call {@code Solve}, then end the session.
 * The same code drives kilnd over a socket and the embedded daemon in-process.
 */
public final class KilnClient {
  private final Channel channel;
  private final boolean inProcess;

  /** A client of a daemon over a socket. */
  public KilnClient(Channel channel) {
    this(channel, false);
  }

  /** @param inProcess the daemon runs in this JVM (embedded): the session skips the tunnel */
  public KilnClient(Channel channel, boolean inProcess) {
    this.channel = channel;
    this.inProcess = inProcess;
  }

  /** The build's outcome: the exporter response, or the daemon's error. */
  public sealed interface Outcome {
    record Success(Map<String, String> exporterResponse) implements Outcome {}

    /** @param source the lines of the definition file the failure points at, when the daemon said */
    record Failure(Status status, java.util.Optional<SourceExcerpt> source) implements Outcome {}
  }

  /**
   * @param stdout where {@code type=tar} without a dest goes
   * @param progress receives every status message, on a background thread, in order
   */
  public Outcome build(BuildPlan plan, OutputStream stdout, Consumer<StatusResponse> progress) throws IOException {
    String ref = randomId();
    String sessionId = randomId();
    ControlGrpc.ControlStub async = ControlGrpc.newStub(channel);
    ClientStores stores = new ClientStores(plan, System.err);
    List<BindableService> services = services(plan, stdout, stores);
    // The session must be up while Solve runs: the daemon calls back into it for files, secrets and outputs.
    ClientSession session = inProcess
        ? ClientSession.startInProcess(async, sessionId, sessionName(), sharedKey(plan), services)
        : ClientSession.start(async, sessionId, sessionName(), sharedKey(plan), services);
    try {
      Thread status = Thread.ofVirtual().name("kiln-status").start(() -> follow(ref, progress));
      Outcome outcome = solve(request(plan, stores.imports(), ref, sessionId));
      join(status);
      if (outcome instanceof Outcome.Success(var response)) stores.nameResults(response);
      return outcome;
    } finally {
      session.close();
    }
  }

  private Outcome solve(SolveRequest request) {
    try {
      SolveResponse response = ControlGrpc.newBlockingStub(channel).solve(request);
      return new Outcome.Success(response.getExporterResponseMap());
    } catch (StatusRuntimeException e) {
      return new Outcome.Failure(e.getStatus(), SourceExcerpt.of(e));
    }
  }

  private void follow(String ref, Consumer<StatusResponse> progress) {
    try {
      Iterator<StatusResponse> stream = ControlGrpc.newBlockingStub(channel).status(StatusRequest.newBuilder().setRef(ref).build());
      stream.forEachRemaining(progress);
    } catch (StatusRuntimeException e) {
      // progress is best effort; Solve reports the build's own error
    }
  }

  private static SolveRequest request(BuildPlan plan, List<BuildPlan.CacheEntry> cacheImports, String ref, String sessionId) {
    SolveRequest.Builder b = SolveRequest.newBuilder()
        .setRef(ref)
        .setSession(sessionId)
        .setFrontend(plan.frontend())
        .putAllFrontendAttrs(plan.frontendAttrs())
        .addAllEntitlements(plan.entitlements());
    if (plan.definition() != null) b.setDefinition(plan.definition());
    var cache = b.getCacheBuilder();
    plan.cacheExports().forEach(e -> cache.addExports(entry(e)));
    cacheImports.forEach(e -> cache.addImports(entry(e)));
    OutputSpec out = plan.output();
    if (out != null) {
      b.setExporter(out.type()).putAllExporterAttrs(out.attrs());
      b.addExporters(dev.kiln.proto.control.Exporter.newBuilder().setType(out.type()).putAllAttrs(out.attrs()));
    }
    return b.build();
  }

  private static dev.kiln.proto.control.CacheOptionsEntry entry(BuildPlan.CacheEntry e) {
    return dev.kiln.proto.control.CacheOptionsEntry.newBuilder().setType(e.type()).putAllAttrs(e.attrs()).build();
  }

  private static List<BindableService> services(BuildPlan plan, OutputStream stdout, ClientStores stores) {
    List<BindableService> services = new ArrayList<>();
    services.add(new FileSyncProvider(plan.locals()));
    services.add(new SecretsProvider(plan.secrets()));
    services.add(AuthProvider.fromDockerConfig());
    if (!plan.sshAgents().isEmpty()) services.add(new SshProvider(plan.sshAgents()));
    stores.provider().ifPresent(services::add);
    OutputSpec out = plan.output();
    if (stores.fillsLayoutOutput()) {
      // the layout's blobs arrive through the content store
    } else if (out != null && out.isDirectory()) {
      services.add(new FileSendProvider(out.deletesStale() ? new FileSendProvider.MirrorDir(out.dest())
          : new FileSendProvider.Dir(out.dest())));
    } else if (out != null && List.of("tar", "oci", "docker").contains(out.type())) {
      services.add(new FileSendProvider(new FileSendProvider.File(out.dest(), out.dest() == null ? stdout : null)));
    }
    return services;
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stable for the same local directories, so the daemon re-sends only changed files next time. */
  static String sharedKey(BuildPlan plan) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(plan.locals()).forEach((name, dir) -> b.append(name).append('=').append(dir.toAbsolutePath().normalize()).append('\n'));
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sessionName() {
    Path cwd = Path.of("").toAbsolutePath().getFileName();
    return cwd == null ? "/" : cwd.toString();
  }

  /** 25 lowercase alphanumerics, like BuildKit's identity.NewID. */
  static String randomId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 25; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return b.toString();
  }
}
