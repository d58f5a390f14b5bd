package dev.kiln.daemon;

import dev.kiln.engine.worker.EngineConfig;
import io.grpc.Server;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** {@code kilnd [--addr unix:///run/kiln/kilnd.sock] [--root DIR]}: serves the Control API until killed. */
public final class KilndMain {
  private KilndMain() {}

  public static void main(String[] args) throws Exception {
    String addr = defaultAddress();
    Path root = EngineConfig.defaultRoot();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--addr" -> addr = value(args, ++i);
        case "--root" -> root = Path.of(value(args, ++i));
        case "-h", "--help" -> {
          System.out.println("Usage: kilnd [--addr unix:///PATH] [--root DIR]");
          return;
        }
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    URI uri = URI.create(addr);
    if (!"unix".equals(uri.getScheme())) {
      usage("unsupported address '" + addr + "': kilnd listens on unix:///PATH for now");
    }
    Daemon daemon = Daemon.open(root);
    // Like buildkitd, collect garbage by default: after builds and every minute.
    daemon.enableGc(Daemon.defaultGcPolicies(root), Duration.ofMinutes(1));
    Server server = daemon.listenUnix(Path.of(uri.getPath()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      try {
        daemon.close();
      } catch (Exception e) {
        System.err.println("kilnd: closing the engine: " + e.getMessage());
      }
    }));
    System.err.println("kilnd: listening on " + addr + " (state in " + root + ")");
    server.awaitTermination();
  }

  static String defaultAddress() {
    if ("root".equals(System.getProperty("user.name"))) return "unix:///run/kiln/kilnd.sock";
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    return "unix://" + (runtime != null ? runtime : "/tmp") + "/kiln/kilnd.sock";
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) usage(args[i - 1] + " needs a value");
    return args[i];
  }

  private static void usage(String message) {
    System.err.println("kilnd: " + message);
    System.exit(2);
  }
}
