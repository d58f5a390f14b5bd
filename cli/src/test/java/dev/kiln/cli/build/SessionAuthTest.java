package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.daemon.Daemon;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import dev.kiln.registry.auth.TokenExchange;
import io.grpc.Server;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base images pulled by kilnd with credentials that only the client has: behind Basic auth its
 * docker config answers the daemon through the session's Auth service (Credentials); behind token
 * auth the client fetches the token itself (GetTokenAuthority + FetchToken). Needs
 * docker-registry, htpasswd and skopeo.
 */
class SessionAuthTest {
  @TempDir Path tmp;

  @Test
  void kilndPullsWithTheClientsCredentials() throws Exception {
    for (String tool : new String[] {"/usr/bin/htpasswd", "/usr/bin/skopeo", "/usr/bin/docker-registry"}) {
      assumeTrue(Files.isExecutable(Path.of(tool)), tool + " not installed (scripts/test installs it)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    Process registry = startRegistry(Files.createDirectories(tmp.resolve("registry")), port);
    try {
      TestImage image = TestImage.of("linux", "amd64", new TestLayer().file("base.txt", "from the base\n", 0644).tar());
      Path layout = tmp.resolve("layout");
      new TestImage.Layout(layout).add("base", image);
      run("skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false", "--dest-creds", "alice:s3cret",
          "oci:" + layout + ":base", "docker://" + host + "/test/base:v1");

      Path ctx = Files.createDirectories(tmp.resolve("ctx"));
      Files.writeString(ctx.resolve("Dockerfile"), "FROM " + host + "/test/base:v1\nCOPY hello.txt /\n");
      Files.writeString(ctx.resolve("hello.txt"), "hello\n");
      Path withCreds = Files.createDirectories(tmp.resolve("docker-with"));
      String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
      Files.writeString(withCreds.resolve("config.json"), "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
      Path without = Files.createDirectories(tmp.resolve("docker-without"));
      Files.writeString(without.resolve("config.json"), "{}");

      Path socket = tmp.resolve("run/kilnd.sock");
      try (Daemon daemon = Daemon.open(tmp.resolve("state"))) { // this process has no docker config of its own
        Server server = daemon.listenUnix(socket);
        try {
          Result denied = kiln(without, "--addr", "unix://" + socket, "build", ctx.toString(), "--progress", "plain");
          assertThat(denied.code()).as(denied.output()).isEqualTo(1);
          assertThat(denied.output()).contains("authentication required");

          Path out = tmp.resolve("out");
          Result built = kiln(withCreds, "--addr", "unix://" + socket, "build", ctx.toString(), "--progress", "plain",
              "-o", "type=local,dest=" + out);
          assertThat(built.code()).as(built.output()).isZero();
          assertThat(out.resolve("base.txt")).hasContent("from the base");
          assertThat(out.resolve("hello.txt")).hasContent("hello");
        } finally {
          server.shutdownNow().awaitTermination();
        }
      }
    } finally {
      registry.destroyForcibly();
    }
  }

  @Test
  void aTokenRegistryGetsItsTokenFromTheClient() throws Exception {
    for (String tool : new String[] {"/usr/bin/skopeo", LocalRegistry.BINARY}) {
      assumeTrue(Files.isExecutable(Path.of(tool)), tool + " not installed (scripts/test installs it)");
    }
    try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(tmp.resolve("plain-registry")));
        TokenProxy proxy = new TokenProxy(registry.host(), "alice", "s3cret")) {
      TestImage image = TestImage.of("linux", "amd64", new TestLayer().file("base.txt", "behind a token\n", 0644).tar());
      Path layout = tmp.resolve("layout");
      new TestImage.Layout(layout).add("v1", image);
      registry.push(layout, "v1", "test/base");

      Path ctx = Files.createDirectories(tmp.resolve("ctx"));
      Files.writeString(ctx.resolve("Dockerfile"), "FROM " + proxy.host() + "/test/base:v1\n");
      Path withCreds = Files.createDirectories(tmp.resolve("docker-with"));
      String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
      Files.writeString(withCreds.resolve("config.json"), "{\"auths\":{\"" + proxy.host() + "\":{\"auth\":\"" + auth + "\"}}}");

      Path socket = tmp.resolve("run/kilnd.sock");
      try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
        Server server = daemon.listenUnix(socket);
        try {
          Path out = tmp.resolve("out");
          Result built = kiln(withCreds, "--addr", "unix://" + socket, "build", ctx.toString(), "--progress", "plain",
              "-o", "type=local,dest=" + out);
          assertThat(built.code()).as(built.output()).isZero();
          assertThat(out.resolve("base.txt")).hasContent("behind a token");
          // every token came from the client's own exchange (FetchToken), never from kilnd's
          assertThat(proxy.tokenRequests).isNotEmpty()
              .allSatisfy(r -> assertThat(r).startsWith(TokenExchange.USER_AGENT + " Basic "));
        } finally {
          server.shutdownNow().awaitTermination();
        }
      }
    }
  }

  private record Result(int code, String output) {}

  /** The CLI in its own process, so that DOCKER_CONFIG is the client's alone. */
  private Result kiln(Path dockerConfig, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.kiln.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DOCKER_CONFIG", dockerConfig.toString());
    pb.environment().remove("KILN_HOST");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), output);
  }

  private static Process startRegistry(Path dir, int port) throws Exception {
    Path htpasswd = dir.resolve("htpasswd");
    Process hash = new ProcessBuilder("htpasswd", "-Bbn", "alice", "s3cret").start();
    Files.write(htpasswd, hash.getInputStream().readAllBytes());
    hash.waitFor();
    Path config = Files.writeString(dir.resolve("config.yml"), String.join("\n", "version: 0.1", "log:", "  level: warn",
        "storage:", "  filesystem:", "    rootdirectory: " + dir.resolve("data"),
        "auth:", "  htpasswd:", "    realm: kiln-test", "    path: " + htpasswd,
        "http:", "  addr: 127.0.0.1:" + port, "  secret: kiln-test-secret", ""));
    Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return p;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + output);
  }
}
