package dev.kiln.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.SolveResult;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.testing.FileServer;
import dev.kiln.engine.source.testing.GitHttpServer;
import dev.kiln.engine.source.SshAgents;
import dev.kiln.engine.source.testing.GitRepos;
import dev.kiln.engine.source.testing.GitSshServer;
import dev.kiln.engine.source.testing.TestSshAgent;
import dev.kiln.llb.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dockerfiles that ADD from the network, against servers on loopback: an archive URL (kept as is,
 * like BuildKit), a download pinned by {@code --checksum}, a git tag with {@code --keep-git-dir}, and
 * git over ssh with the build's agent.
 */
class RemoteSourcesBuildTest {
  @TempDir static Path shared;
  @TempDir Path ctx;
  private static KilnFixture kiln;
  private static FileServer files;

  @BeforeAll
  static void start() throws Exception {
    kiln = KilnFixture.start(shared);
    files = new FileServer();
  }

  @AfterAll
  static void stop() throws Exception {
    files.close();
    kiln.close();
  }

  private void dockerfile(String text) throws Exception {
    Files.writeString(ctx.resolve("Dockerfile"), text.replace("BUSYBOX", kiln.busybox));
  }

  private static byte[] gzip(String s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void addsUrlsAsFilesAndVerifiesChecksums() throws Exception {
    byte[] archive = gzip("not extracted\n");
    byte[] tool = "#!/bin/sh\necho tool\n".getBytes(StandardCharsets.UTF_8);
    files.file("/dl/file.tar.gz", archive, "\"a1\"", "Wed, 21 Oct 2015 07:28:00 GMT");
    files.file("/dl/tool.sh", tool, null, null);
    dockerfile("""
        FROM BUSYBOX
        ADD %s /x/
        ADD --checksum=%s %s /usr/local/bin/tool
        RUN stat -c '%%a' /x/file.tar.gz > /modes && stat -c '%%a' /usr/local/bin/tool >> /modes
        """.formatted(files.url("/dl/file.tar.gz"), Digest.of(tool).value(), files.url("/dl/tool.sh")));
    try (SolveResult r = kiln.build(ctx, Map.of(), Map.of()); MountedTree t = r.open()) {
      assertThat(Files.readAllBytes(t.root().resolve("x/file.tar.gz"))).isEqualTo(archive);
      assertThat(Files.readAllBytes(t.root().resolve("usr/local/bin/tool"))).isEqualTo(tool);
      assertThat(t.root().resolve("modes")).hasContent("600\n600");
    }
    // Unchanged: one conditional request for the archive, none for the pinned file, all cached.
    try (SolveResult r = kiln.build(ctx, Map.of(), Map.of())) {
      assertThat(r.cached()).isTrue();
    }
    assertThat(files.count("/dl/file.tar.gz")).isEqualTo(2);
    assertThat(files.count("/dl/tool.sh")).isEqualTo(1);
  }

  @Test
  void aWrongChecksumFailsTheBuild() throws Exception {
    files.file("/dl/other.sh", "other\n".getBytes(StandardCharsets.UTF_8), null, null);
    dockerfile("""
        FROM BUSYBOX
        ADD --checksum=%s %s /other
        """.formatted(Digest.of("expected\n".getBytes(StandardCharsets.UTF_8)).value(), files.url("/dl/other.sh")));
    assertThatThrownBy(() -> kiln.build(ctx, Map.of(), Map.of())).hasStackTraceContaining("checksum mismatch");
  }

  @Test
  void addsAGitTagKeepingTheGitDir() throws Exception {
    GitRepos repos = new GitRepos(shared.resolve("git"));
    GitRepos.Work app = repos.work("app").write("main.go", "package main\n");
    String v1 = app.commit("first");
    app.run("tag", "v1.0.0");
    app.write("main.go", "package later\n").commit("second");
    app.publish();
    try (GitHttpServer git = new GitHttpServer(repos.served(), "unused")) {
      dockerfile("""
          FROM BUSYBOX
          ADD --keep-git-dir=true %s#v1.0.0 /src
          ADD %s#main /latest
          RUN cat /src/.git/HEAD > /head && test ! -e /latest/.git
          """.formatted(git.url("app"), git.url("app")));
      try (SolveResult r = kiln.build(ctx, Map.of(), Map.of()); MountedTree t = r.open()) {
        assertThat(t.root().resolve("src/main.go")).hasContent("package main");
        assertThat(t.root().resolve("latest/main.go")).hasContent("package later");
        assertThat(t.root().resolve("head")).hasContent(v1);
      }
    }
  }

  @Test
  void addsAnSshGitRemoteWithTheBuildsAgentCheckingTheDaemonUsersKnownHosts() throws Exception {
    GitRepos repos = new GitRepos(shared.resolve("ssh-git"));
    GitRepos.Work app = repos.work("app").write("README", "over ssh\n");
    String head = app.commit("first");
    app.publish();
    Path home = Files.createDirectories(shared.resolve("daemon-home/.ssh")).getParent();
    try (TestSshAgent agent = new TestSshAgent(shared.resolve("agent"), "default");
        GitSshServer server = new GitSshServer(repos.served(), shared.resolve("host_key"), 0);
        GitSshServer scpPort = portFree(22) ? new GitSshServer(repos.served(), shared.resolve("host_key"), 22) : null) {
      server.authorize(agent.publicKey());
      if (scpPort != null) scpPort.authorize(agent.publicKey());
      // A Dockerfile cannot give known hosts: the daemon user's ~/.ssh/known_hosts is used, as in BuildKit.
      Files.writeString(home.resolve(".ssh/known_hosts"),
          server.knownHostsLine() + (scpPort == null ? "" : scpPort.knownHostsLine()));
      String scp = scpPort == null ? "" : "ADD git@127.0.0.1:app.git#main /scp\n";
      dockerfile("FROM BUSYBOX\nADD --checksum=" + head.substring(0, 10) + " " + server.url("app") + "#main /src\n" + scp);
      String previousHome = System.getProperty("user.home");
      System.setProperty("user.home", home.toString());
      try {
        try (SolveResult r = kiln.build(ctx, Map.of(), Map.of(), agent); MountedTree t = r.open()) {
          assertThat(t.root().resolve("src/README")).hasContent("over ssh");
          if (scpPort != null) assertThat(t.root().resolve("scp/README")).hasContent("over ssh");
        }
        assertThatThrownBy(() -> kiln.build(ctx, Map.of(), Map.of(), SshAgents.NONE))
            .hasStackTraceContaining("no SSH agent 'default' forwarded");
        Files.writeString(home.resolve(".ssh/known_hosts"), "");
        dockerfile("FROM BUSYBOX\nADD " + server.url("app") + "#main /again\n");
        assertThatThrownBy(() -> kiln.build(ctx, Map.of(), Map.of(), agent))
            .hasStackTraceContaining("the server's host key is unknown or changed");
      } finally {
        System.setProperty("user.home", previousHome);
      }
    }
  }

  private static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
