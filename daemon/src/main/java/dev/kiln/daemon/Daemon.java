package dev.kiln.daemon;

import dev.kiln.daemon.config.KilndConfig;
import dev.kiln.daemon.gateway.BridgeService;
import dev.kiln.daemon.gateway.GatewayRegistry;
import dev.kiln.daemon.listen.Listeners;
import dev.kiln.daemon.session.SessionCredentials;
import dev.kiln.daemon.session.SessionManager;
import dev.kiln.daemon.session.SyncDirs;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.auth.DockerConfigCredentials;
import dev.kiln.engine.Engine;
import dev.kiln.engine.gc.GcPolicy;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.StateInUseException;
import dev.kiln.session.HeadersInterceptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * kilnd's core: the engine behind BuildKit's Control API. The same object serves a unix socket
 * ({@code kilnd}) or grpc-java's in-process transport (the CLI's embedded mode), so both modes run
 * one code path. Thread-safe.
 */
public final class Daemon implements AutoCloseable {
  /** BuildKit clients send up to 16 MiB per message; leave headroom. */
  static final int MAX_MESSAGE = 32 << 20;
  private static final long CLOSE_GRACE_SECONDS = 15;

  private final Engine engine;
  private final ControlService control;
  private final BridgeService bridge;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private boolean closed;

  private Daemon(Engine engine, SessionManager sessions, Path root) {
    this.engine = engine;
    GatewayRegistry gateways = new GatewayRegistry();
    this.control = new ControlService(engine, sessions, root.resolve("tmp").resolve("daemon"), gateways,
        new SyncDirs(root.resolve("localsync")));
    this.bridge = new BridgeService(gateways, WorkerInfo.record(engine.snapshotter()), engine.imageMetaResolver());
  }

  /** Opens the engine's state under {@code root} (locked against other engines). */
  public static Daemon open(Path root) throws IOException {
    return open(EngineConfig.at(root));
  }

  /** Opens the engine as {@code config} says (root, snapshotter, registry hosts). */
  public static Daemon open(EngineConfig config) throws IOException {
    // Registry credentials come from the clients' sessions (their docker config), as with BuildKit.
    SessionManager sessions = new SessionManager();
    CredentialProvider credentials = new SessionCredentials(sessions, DockerConfigCredentials.fromEnvironment());
    return new Daemon(Engine.open(config.withCredentials(credentials)), sessions, config.root());
  }

  /** The engine settings of a kilnd.toml, with {@code root} as the state directory. */
  public static EngineConfig engineConfig(Path root, KilndConfig config) {
    EngineConfig engine = new EngineConfig(root, config.worker().snapshotter());
    return config.file().map(engine::withRegistryConfig).orElse(engine);
  }

  /**
   * Opens the state under {@code root}, waiting while another process holds it (embedded builds
   * take turns on one root); {@code onWait} runs once, with the reason, when waiting starts.
   */
  public static Daemon openWaiting(EngineConfig config, Consumer<String> onWait) throws IOException {
    Path root = config.root();
    boolean told = false;
    while (true) {
      try {
        return open(config);
      } catch (StateInUseException e) {
        if (!told) {
          onWait.accept(e.getMessage());
          told = true;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for " + root);
        }
      }
    }
  }

  /** {@code /var/lib/kiln} for root, else {@code $XDG_DATA_HOME/kiln}. */
  public static Path defaultRoot() {
    return EngineConfig.defaultRoot();
  }

  /**
   * Turns on automatic garbage collection with {@code policies}: after every build and every
   * {@code interval}. kilnd uses kilnd.toml's policies, else BuildKit's defaults.
   */
  public void enableGc(List<GcPolicy> policies, Duration interval) {
    engine.automaticGc(policies, interval);
  }

  /**
   * Runs a full collection when no build has run for {@code quiet} (kilnd, a long-lived process;
   * an embedded build's process ends instead). See {@link IdleMemoryRelease}.
   */
  public void releaseMemoryWhenIdle(Duration quiet) {
    IdleMemoryRelease release = IdleMemoryRelease.fullGc(quiet);
    control.reportActivityTo(release);
    release.startedUp();
  }

  /** Control and LLBBridge, on one server as clients expect, with request headers readable by the handlers. */
  public List<ServerServiceDefinition> services() {
    return List.of(ServerInterceptors.intercept(control, new HeadersInterceptor(), new StatusTimestampInterceptor()),
        ServerInterceptors.intercept(bridge, new HeadersInterceptor()));
  }

  /** Serves on grpc-java's in-process transport under {@code name}; the caller shuts the server down. */
  public Server startInProcess(String name) throws IOException {
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name).executor(executor).maxInboundMessageSize(MAX_MESSAGE);
    services().forEach(builder::addService);
    return builder.build().start();
  }

  /** Serves on a unix socket at {@code socket}; the caller shuts the server down. */
  public Server listenUnix(Path socket) throws IOException {
    return listeners().start("unix://" + socket.toAbsolutePath(), java.util.Optional.empty(), false).getFirst();
  }

  /** Starts servers for kilnd's addresses (unix, tcp, fd); the caller shuts them down. */
  public Listeners listeners() {
    return new Listeners(services(), executor, MAX_MESSAGE);
  }

  /** Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    control.sessions().closeAll();
    executor.shutdownNow();
    try {
      // Cancelled builds unwind (containers killed, mutable refs released) before the store closes.
      if (!executor.awaitTermination(CLOSE_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
        System.err.println("kiln: builds still stopping after " + CLOSE_GRACE_SECONDS + " s; closing the engine anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
  }
}
