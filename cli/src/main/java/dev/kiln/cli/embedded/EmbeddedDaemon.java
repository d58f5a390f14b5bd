package dev.kiln.cli.embedded;

import dev.kiln.cli.client.Interruption;
import dev.kiln.daemon.Daemon;
import dev.kiln.daemon.config.KilndConfig;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The daemon inside the CLI process, reached over grpc-java's in-process transport: the CLI talks
 * to it exactly as to kilnd, so both modes share one code path. The only CLI package that may
 * import the daemon.
 */
public final class EmbeddedDaemon implements AutoCloseable {
  private final Daemon daemon;
  private final Server server;
  private final ManagedChannel channel;
  /** Ctrl-C must not leave containers running or the state locked: closing cancels the build. */
  private final Thread onExit = new Thread(this::closeQuietly, "kiln-embedded-shutdown");
  private boolean closed;

  private EmbeddedDaemon(Daemon daemon, Server server, ManagedChannel channel) {
    this.daemon = daemon;
    this.server = server;
    this.channel = channel;
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Starts the engine as kilnd would: settings from {@code configFile} (else the default
   * kilnd.toml, if any), state in {@code root}, else the file's {@code root}, else the default root.
   *
   * @param err told of the config file's unknown keys, and when another build holds the state
   *     directory and this one waits its turn
   */
  public static EmbeddedDaemon start(Optional<Path> root, Optional<Path> configFile, java.io.PrintStream err) throws IOException {
    KilndConfig.Loaded loaded = KilndConfig.load(configFile);
    loaded.warnings().forEach(w -> err.println("kiln: config: " + w));
    Path state = root.or(() -> loaded.config().root()).orElseGet(Daemon::defaultRoot);
    Daemon daemon = Daemon.openWaiting(Daemon.engineConfig(state, loaded.config()), reason -> err.println("kiln: waiting: " + reason));
    String name = "kiln-embedded-" + UUID.randomUUID();
    try {
      Server server = daemon.startInProcess(name);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).maxInboundMessageSize(32 << 20).build();
      return new EmbeddedDaemon(daemon, server, channel);
    } catch (IOException | RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  /**
   * Does the first-use work of the in-process server and channel that {@link #start} will set up
   * once the engine is open (gRPC's registries, the services' protobuf descriptors), so a thread
   * that would only wait for the engine does it meanwhile. Idempotent; changes no state.
   */
  public static void prepare() {
    dev.kiln.proto.control.ControlGrpc.getServiceDescriptor();
    dev.kiln.proto.gateway.LLBBridgeGrpc.getServiceDescriptor();
    dev.kiln.proto.types.WorkerRecord.getDescriptor();
    InProcessChannelBuilder.forName("kiln-prepare-" + UUID.randomUUID()).build().shutdownNow();
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
    channel.shutdownNow();
    server.shutdownNow();
    daemon.close();
  }

  private void closeQuietly() {
    Interruption.shuttingDown();
    try {
      close();
    } catch (IOException e) {
      System.err.println("kiln: closing the engine: " + e.getMessage());
    }
    // The build's calls failed as the engine closed: let the main thread say so before the JVM halts.
    Interruption.awaitReport(java.time.Duration.ofSeconds(2));
  }
}
