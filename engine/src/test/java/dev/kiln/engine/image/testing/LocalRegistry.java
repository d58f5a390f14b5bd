package dev.kiln.engine.image.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on 127.0.0.1 at a free port,
 * plain HTTP, storage in a temp dir. A trimmed copy of the registry module's test fixture (test
 * classes are not shared between modules). Fails, not skips, when the binary is missing.
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

  public static LocalRegistry start(Path dir) throws IOException, InterruptedException {
    return start(dir, List.of());
  }

  /** A registry that wants Basic auth for {@code user}/{@code password} (bcrypt htpasswd, made with {@code htpasswd}). */
  public static LocalRegistry startWithBasicAuth(Path dir, String user, String password)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder("htpasswd", "-Bbn", user, password).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] line = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) fail("htpasswd failed: install apache2-utils");
    Path file = dir.resolve("htpasswd");
    Files.write(file, line);
    return start(dir, List.of("auth:", "  htpasswd:", "    realm: kiln-test", "    path: " + file));
  }

  /** Copies tag {@code tag} of OCI layout {@code layout} to {@code repository:tag} here (with skopeo). */
  public void push(Path layout, String tag, String repository, String... skopeoOptions) throws IOException, InterruptedException {
    List<String> argv = new java.util.ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
    argv.addAll(List.of(skopeoOptions));
    argv.addAll(List.of("oci:" + layout + ":" + tag, "docker://" + host() + "/" + repository + ":" + tag));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IOException("skopeo copy failed: " + out);
  }

  private static LocalRegistry start(Path dir, List<String> extraConfig) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(BINARY))) {
      fail(BINARY + " is missing: install the CNCF distribution registry (Debian: apt-get install docker-registry)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(config, String.join("\n", "version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:",
        "    rootdirectory: " + dir.resolve("data"), "  delete:", "    enabled: true",
        "http:", "  addr: 127.0.0.1:" + port, "  secret: kiln-test-secret", "")
        + String.join("\n", extraConfig) + "\n");
    Process p = new ProcessBuilder(BINARY, "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    LocalRegistry r = new LocalRegistry(p, port, dir);
    r.awaitListening();
    return r;
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail("docker-registry exited (" + process.exitValue() + "): " + Files.readString(dir.resolve("registry.log")));
      }
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    close();
    fail("docker-registry did not listen on port " + port + " within 15s");
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The stored bytes of a blob, for tests that corrupt what the registry serves. */
  public Path blobData(String digest) {
    String hex = digest.substring(digest.indexOf(':') + 1);
    return dir.resolve("data/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
