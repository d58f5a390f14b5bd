package dev.kiln.daemon;

import dev.kiln.daemon.gateway.GatewayRegistry;
import dev.kiln.daemon.progress.BuildJob;
import dev.kiln.daemon.progress.JobRegistry;
import dev.kiln.daemon.session.SessionManager;
import dev.kiln.daemon.session.SyncDirs;
import dev.kiln.engine.Engine;
import dev.kiln.proto.control.BytesMessage;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.DiskUsageRequest;
import dev.kiln.proto.control.DiskUsageResponse;
import dev.kiln.proto.control.InfoRequest;
import dev.kiln.proto.control.PruneRequest;
import dev.kiln.proto.control.UsageRecord;
import dev.kiln.proto.control.InfoResponse;
import dev.kiln.proto.control.ListWorkersRequest;
import dev.kiln.proto.control.ListWorkersResponse;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.proto.control.SolveResponse;
import dev.kiln.proto.control.StatusRequest;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.session.HeadersInterceptor;
import dev.kiln.session.SessionHeaders;
import dev.kiln.session.tunnel.DaemonSession;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code moby.buildkit.v1.Control}: Solve, Status, Session, DiskUsage, Prune, ListWorkers and Info. Handlers block;
 * the server runs them on virtual threads.
 */
final class ControlService extends ControlGrpc.ControlImplBase {
  private static final Duration JOB_WAIT = Duration.ofSeconds(6);
  private static final Duration SESSION_WAIT = Duration.ofSeconds(10);

  private final Engine engine;
  private final Path workRoot;
  private final JobRegistry jobs = new JobRegistry();
  private final SessionManager sessions;

  private final GatewayRegistry gateways;

  private final SyncDirs syncDirs;

  private volatile BuildActivity activity = BuildActivity.NONE;

  ControlService(Engine engine, SessionManager sessions, Path workRoot, GatewayRegistry gateways, SyncDirs syncDirs) {
    this.sessions = sessions;
    this.engine = engine;
    this.syncDirs = syncDirs;
    this.workRoot = workRoot;
    this.gateways = gateways;
  }

  /** Whom to tell when builds start and end (kilnd: {@link IdleMemoryRelease}). */
  void reportActivityTo(BuildActivity activity) {
    this.activity = activity;
  }

  SessionManager sessions() {
    return sessions;
  }

  @Override
  public void solve(SolveRequest request, StreamObserver<SolveResponse> response) {
    String ref = request.getRef().isEmpty() ? UUID.randomUUID().toString() : request.getRef();
    BuildJob job;
    try {
      job = jobs.register(ref);
    } catch (IllegalStateException e) {
      response.onError(Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    BuildActivity activity = this.activity;
    activity.started();
    Path work = null;
    // A client that goes away (Ctrl-C, deadline) cancels its build: the engine stops on interrupt.
    Thread solving = Thread.currentThread();
    Context.CancellationListener cancel = context -> solving.interrupt();
    Context.current().addListener(cancel, Runnable::run);
    try {
      Files.createDirectories(workRoot);
      work = Files.createTempDirectory(workRoot, "build-");
      SolveResponse result = new SolveRunner(engine, job, session(request), work, gateways, syncDirs).run(request);
      jobs.finish(job); // Status ends before Solve answers, as in BuildKit
      response.onNext(result);
      response.onCompleted();
    } catch (Exception e) {
      jobs.finish(job);
      response.onError(SolveErrors.toException(e));
    } finally {
      Context.current().removeListener(cancel);
      Thread.interrupted(); // clear a late cancel
      WorkDirs.deleteQuietly(work);
      activity.ended();
    }
  }

  private DaemonSession session(SolveRequest request) throws InterruptedException, BuildFailure {
    if (request.getSession().isEmpty()) {
      return null;
    }
    return sessions.await(request.getSession(), SESSION_WAIT).orElseThrow(() -> new BuildFailure(
        Status.UNAVAILABLE.withDescription("session " + request.getSession() + " did not connect")));
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> response) {
    try {
      BuildJob job = jobs.await(request.getRef(), JOB_WAIT).orElse(null);
      if (job == null) {
        response.onError(Status.NOT_FOUND.withDescription("no build with ref " + request.getRef()).asRuntimeException());
        return;
      }
      var call = (ServerCallStreamObserver<StatusResponse>) response;
      LinkedBlockingQueue<StatusResponse> queue = job.subscribe();
      while (!call.isCancelled()) {
        StatusResponse next = queue.poll(1, TimeUnit.SECONDS);
        if (next == BuildJob.END) {
          response.onCompleted();
          return;
        }
        if (next != null) response.onNext(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.onError(Status.CANCELLED.asRuntimeException());
    }
  }

  @Override
  public StreamObserver<BytesMessage> session(StreamObserver<BytesMessage> toClient) {
    Metadata headers = HeadersInterceptor.current();
    String id = headers.get(SessionHeaders.SESSION_ID);
    if (id == null || id.isEmpty()) {
      toClient.onError(Status.INVALID_ARGUMENT.withDescription("missing x-docker-expose-session-uuid").asRuntimeException());
      return new NoopObserver<>();
    }
    String sharedKey = headers.get(SessionHeaders.SHARED_KEY);
    List<String> methods = HeadersInterceptor.all(headers, SessionHeaders.GRPC_METHOD);
    String inProcessServer = headers.get(SessionHeaders.IN_PROCESS_SERVER);
    // Only a client in this JVM can name an in-process server; from a socket the header is ignored.
    DaemonSession session = inProcessServer != null && HeadersInterceptor.inProcessCall()
        ? DaemonSession.openInProcess(id, sharedKey, methods, inProcessServer, toClient)
        : DaemonSession.open(id, sharedKey, methods, toClient);
    sessions.register(session);
    return session.fromClient();
  }

  @Override
  public void listWorkers(ListWorkersRequest request, StreamObserver<ListWorkersResponse> response) {
    response.onNext(ListWorkersResponse.newBuilder().addRecord(WorkerInfo.record(engine.snapshotter())).build());
    response.onCompleted();
  }

  @Override
  public void diskUsage(DiskUsageRequest request, StreamObserver<DiskUsageResponse> response) {
    answer(response, "disk usage", () -> {
      DiskUsageResponse.Builder out = DiskUsageResponse.newBuilder();
      // ageLimit is a Go time.Duration: nanoseconds.
      for (var r : engine.diskUsage(request.getFilterList(), java.time.Duration.ofNanos(request.getAgeLimit()))) {
        out.addRecord(UsageRecords.toWire(r));
      }
      response.onNext(out.build());
    });
  }

  /** Streams each removed record as it goes, as BuildKit does. */
  @Override
  public void prune(PruneRequest request, StreamObserver<UsageRecord> response) {
    answer(response, "prune",
        () -> engine.prune(List.of(UsageRecords.policy(request)), r -> response.onNext(UsageRecords.toWire(r))));
  }

  private interface Call {
    void run() throws IOException;
  }

  /** Runs {@code call} and completes the response; a bad filter or policy is INVALID_ARGUMENT. */
  private static void answer(StreamObserver<?> response, String what, Call call) {
    try {
      call.run();
      response.onCompleted();
    } catch (IllegalArgumentException e) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    } catch (IOException e) {
      response.onError(Status.INTERNAL.withDescription(what + ": " + e.getMessage()).asRuntimeException());
    }
  }

  @Override
  public void info(InfoRequest request, StreamObserver<InfoResponse> response) {
    response.onNext(InfoResponse.newBuilder().setBuildkitVersion(WorkerInfo.version()).build());
    response.onCompleted();
  }

  /** Ignores messages of a call that was already rejected. */
  private static final class NoopObserver<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
