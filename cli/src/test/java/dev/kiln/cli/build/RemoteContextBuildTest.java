package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln build URL}: a git repository (ref and subdirectory) or a tarball as the build context. */
class RemoteContextBuildTest {
  @TempDir Path tmp;

  private static String run(Path dir, String... cmd) throws Exception {
    List<String> args = new ArrayList<>(List.of(cmd));
    Process p = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
    return out;
  }

  private static Path context(Path dir, String message) throws Exception {
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\nCOPY msg.txt /out/\n");
    Files.writeString(dir.resolve("app/msg.txt"), message);
    return dir;
  }

  @Test
  void buildsAGitRefAndSubdirectoryAsTheContext() throws Exception {
    Path work = context(Files.createDirectories(tmp.resolve("work")), "from git\n");
    String[] id = {"-c", "user.name=t", "-c", "user.email=t@example.com"};
    run(work, "git", "init", "-q", "-b", "main");
    run(work, "git", "add", "-A");
    run(work, "git", id[0], id[1], id[2], id[3], "commit", "-q", "-m", "one");
    run(work, "git", "tag", "v1");
    Path served = Files.createDirectories(tmp.resolve("served"));
    run(tmp, "git", "clone", "-q", "--bare", work.toString(), served.resolve("repo.git").toString());
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
        "--port=" + port, "--base-path=" + served, served.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitPort(port);
      Path out = tmp.resolve("out");
      Cli r = Cli.run("build", "git://127.0.0.1:" + port + "/repo.git#v1:app", "-o", "type=local,dest=" + out,
          "--root", tmp.resolve("state").toString(), "--progress", "plain");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(out.resolve("out/msg.txt")).hasContent("from git");
      assertThat(r.err()).contains("fetching git://");
      // Unchanged ref: one ls-remote, and every step (the context included) is cached.
      Cli again = Cli.run("build", "git://127.0.0.1:" + port + "/repo.git#v1:app", "-o", "type=local,dest=" + out,
          "--root", tmp.resolve("state").toString(), "--progress", "plain");
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.err()).contains("CACHED").doesNotContain("fetching git://");
    } finally {
      daemon.destroy();
      daemon.waitFor();
    }
  }

  @Test
  void buildsATarballUrlAsTheContext() throws Exception {
    Path dir = context(Files.createDirectories(tmp.resolve("ctx")), "from a tarball\n").resolve("app");
    Path tarball = tmp.resolve("ctx.tar.gz");
    run(dir, "tar", "czf", tarball.toString(), ".");
    byte[] bytes = Files.readAllBytes(tarball);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve(server, "/ctx.tar.gz", bytes);
    server.start();
    try {
      Path out = tmp.resolve("out");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ctx.tar.gz";
      Cli r = Cli.run("build", url, "-o", "type=local,dest=" + out, "--root", tmp.resolve("state").toString(),
          "--progress", "plain");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(out.resolve("out/msg.txt")).hasContent("from a tarball");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aUrlThatIsNotAnArchiveIsTheDockerfile() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    byte[] dockerfile = ("FROM scratch\nADD " + base + "/hello.txt /hello.txt\n").getBytes(StandardCharsets.UTF_8);
    byte[] hello = "hello from the server\n".getBytes(StandardCharsets.UTF_8);
    serve(server, "/hello.txt", hello);
    serve(server, "/Dockerfile", dockerfile);
    server.start();
    try {
      Path out = tmp.resolve("out");
      Cli r = Cli.run("build", base + "/Dockerfile", "-o", "type=local,dest=" + out, "--root", tmp.resolve("state").toString(),
          "--progress", "plain");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(out.resolve("hello.txt")).hasContent("hello from the server");
    } finally {
      server.stop(0);
    }
  }

  private static void serve(HttpServer server, String path, byte[] content) {
    server.createContext(path, ex -> {
      ex.sendResponseHeaders(200, content.length);
      try (var body = ex.getResponseBody()) {
        body.write(content);
      }
    });
  }

  private static void awaitPort(int port) throws Exception {
    for (int i = 0; i < 200; i++) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IOException("git daemon did not start on port " + port);
  }
}
