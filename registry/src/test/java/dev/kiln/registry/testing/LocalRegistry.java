package dev.kiln.registry.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on 127.0.0.1 at a free port,
 * storage and config in a temp dir, for one test class. Fails the test (not skip) when the binary
 * is missing: CI installs it. Close to stop it.
 */
public final class LocalRegistry implements AutoCloseable {
  public static final String BINARY = Optional.ofNullable(System.getenv("KILN_DOCKER_REGISTRY")).orElse("/usr/bin/docker-registry");

  private final Process process;
  private final int port;
  private final Path dir;

  private LocalRegistry(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Options: an htpasswd file for Basic auth, a TLS certificate and key. */
  public record Options(Optional<Path> htpasswd, Optional<Path> tlsCert, Optional<Path> tlsKey) {
    public static final Options PLAIN = new Options(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static LocalRegistry start(Path dir) throws IOException, InterruptedException {
    return start(dir, Options.PLAIN);
  }

  /** Like {@link #start(Path, Options)} with TLS that demands client certificates signed by {@code clientCa}. */
  public static LocalRegistry startWithClientCa(Path dir, Options options, Path clientCa) throws IOException, InterruptedException {
    return start(dir, options, Optional.of(clientCa));
  }

  public static LocalRegistry start(Path dir, Options options) throws IOException, InterruptedException {
    return start(dir, options, Optional.empty());
  }

  private static LocalRegistry start(Path dir, Options options, Optional<Path> clientCa) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(BINARY))) {
      fail(BINARY + " is missing: install the CNCF distribution registry (Debian: apt-get install docker-registry)"
          + " or point KILN_DOCKER_REGISTRY at it");
    }
    int port = freePort();
    Path config = dir.resolve("config.yml");
    Files.writeString(config, yaml(dir, port, options, clientCa));
    Process p = new ProcessBuilder(BINARY, "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    LocalRegistry r = new LocalRegistry(p, port, dir);
    r.awaitListening();
    return r;
  }

  private static String yaml(Path dir, int port, Options o, Optional<Path> clientCa) {
    List<String> lines = new ArrayList<>(List.of(
        "version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:",
        "    rootdirectory: " + dir.resolve("data"), "  delete:", "    enabled: true",
        "http:", "  addr: 127.0.0.1:" + port, "  secret: kiln-test-secret"));
    if (o.tlsCert().isPresent()) {
      lines.addAll(List.of("  tls:", "    certificate: " + o.tlsCert().get(), "    key: " + o.tlsKey().orElseThrow()));
      clientCa.ifPresent(ca -> lines.addAll(List.of("    clientcas:", "      - " + ca)));
    }
    if (o.htpasswd().isPresent()) {
      lines.addAll(List.of("auth:", "  htpasswd:", "    realm: kiln-test", "    path: " + o.htpasswd().get()));
    }
    return String.join("\n", lines) + "\n";
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail("docker-registry exited (" + process.exitValue() + "): " + Files.readString(dir.resolve("registry.log")));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    fail("docker-registry did not listen on port " + port + " within 15s: " + Files.readString(dir.resolve("registry.log")));
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public Path storage() {
    return dir.resolve("data");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
