package dev.kiln.daemon;

import dev.kiln.daemon.config.KilndConfig;
import dev.kiln.daemon.listen.Listeners;
import dev.kiln.daemon.listen.TlsFiles;
import io.grpc.Server;
import java.nio.file.Path;
import dev.kiln.engine.gc.DiskStats;
import dev.kiln.engine.gc.GcPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kilnd}: serves BuildKit's Control and LLBBridge APIs on its addresses until SIGTERM/SIGINT. */
@Command(name = "kilnd", mixinStandardHelpOptions = true, versionProvider = KilndMain.Version.class,
    description = "Kiln's build daemon: BuildKit's gRPC API over unix sockets, TCP with mTLS, or systemd sockets.")
public final class KilndMain implements Callable<Integer> {
  /** Long enough that a client's next build in a script finds the heap as the last one left it. */
  private static final Duration IDLE_RELEASE_AFTER = Duration.ofSeconds(2);

  @Option(names = "--addr", paramLabel = "ADDR",
      description = "Listening address, repeatable: unix:///PATH, tcp://HOST:PORT, fd:// (systemd)."
          + " Default: [grpc] address of kilnd.toml, else unix:///run/kiln/kilnd.sock as root, else $XDG_RUNTIME_DIR/kiln/kilnd.sock.")
  List<String> addrs = new ArrayList<>();

  @Option(names = "--root", paramLabel = "DIR", description = "State directory (default /var/lib/kiln as root).")
  Path root;

  @Option(names = "--tlscert", paramLabel = "FILE", description = "Server certificate (PEM) for tcp://.")
  Path tlsCert;

  @Option(names = "--tlskey", paramLabel = "FILE", description = "Server key (PEM, PKCS#8) for tcp://.")
  Path tlsKey;

  @Option(names = "--tlscacert", paramLabel = "FILE", description = "CA (PEM) that signs client certificates: clients must present one.")
  Path tlsCa;

  @Option(names = "--config", paramLabel = "FILE",
      description = "kilnd.toml (default /etc/kiln/kilnd.toml as root, else $XDG_CONFIG_HOME/kiln/kilnd.toml, when present).")
  Path config;

  @Option(names = "--debugaddr", paramLabel = "HOST:PORT", description = "Serve /debug/health and /debug/threads over HTTP here.")
  String debugAddress;

  @Option(names = "--insecure-tcp", description = "Allow tcp:// without TLS: anyone reaching the port can run builds as this user.")
  boolean insecureTcp;

  public static void main(String[] args) {
    int code = new CommandLine(new KilndMain()).execute(args);
    if (code != 0) System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    try {
      return serve();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("kilnd: error: " + e.getMessage());
      return 2;
    }
  }

  private int serve() throws Exception {
    KilndConfig.Loaded loaded = KilndConfig.load(Optional.ofNullable(config));
    loaded.warnings().forEach(w -> System.err.println("kilnd: config: " + w));
    KilndConfig file = loaded.config();
    Optional<TlsFiles> tls = tls().or(file::tls);
    List<String> addresses = !addrs.isEmpty() ? addrs : !file.addresses().isEmpty() ? file.addresses() : List.of(Listeners.defaultAddress());
    Path state = root != null ? root : file.root().orElseGet(Daemon::defaultRoot);
    Daemon daemon = Daemon.open(Daemon.engineConfig(state, file));
    List<Server> servers = new ArrayList<>();
    Listeners listeners = daemon.listeners();
    try {
      for (String addr : addresses) {
        servers.addAll(listeners.start(addr, tls, insecureTcp));
        if (addr.startsWith("tcp://") && tls.isEmpty()) {
          System.err.println("kilnd: WARNING: " + addr + " has no TLS: anyone who can reach it can run builds as this user");
        }
        System.err.println("kilnd: listening on " + addr);
      }
    } catch (RuntimeException | java.io.IOException e) {
      servers.forEach(Server::shutdownNow);
      listeners.removeSockets();
      daemon.close();
      throw e;
    }
    Optional<String> debug = Optional.ofNullable(debugAddress).or(file::debugAddress);
    if (debug.isPresent()) {
      DebugServer.start(debug.get());
      System.err.println("kilnd: debug handlers on http://" + debug.get() + "/debug/");
    }
    System.err.println("kilnd: state in " + state);
    // Like buildkitd, collect garbage by default: after builds and every minute.
    List<GcPolicy> gc = file.worker().gc().effectivePolicies(GcPolicy.defaultKeepBytes(DiskStats.of(state)));
    if (!gc.isEmpty()) daemon.enableGc(gc, Duration.ofMinutes(1));
    daemon.releaseMemoryWhenIdle(IDLE_RELEASE_AFTER);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> Shutdown.run(servers, listeners, daemon), "kilnd-shutdown"));
    for (Server server : servers) server.awaitTermination();
    return 0;
  }

  private Optional<TlsFiles> tls() {
    if (tlsCert == null && tlsKey == null && tlsCa == null) return Optional.empty();
    if (tlsCert == null || tlsKey == null) {
      throw new IllegalArgumentException("--tlscert and --tlskey go together");
    }
    return Optional.of(new TlsFiles(tlsCert, tlsKey, Optional.ofNullable(tlsCa)));
  }

  /** {@code kilnd --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = KilndMain.class.getPackage().getImplementationVersion();
      return new String[] {"kilnd " + (v == null ? "dev" : v)};
    }
  }
}
