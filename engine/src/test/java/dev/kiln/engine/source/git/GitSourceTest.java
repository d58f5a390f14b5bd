package dev.kiln.engine.source.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.testing.GitDaemon;
import dev.kiln.engine.source.testing.GitHttpServer;
import dev.kiln.engine.source.testing.GitRepos;
import dev.kiln.engine.source.testing.GitSshServer;
import dev.kiln.engine.source.testing.TestSshAgent;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.GitOptions;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.State;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git://} sources against repositories served on loopback from a local path, {@code git
 * daemon} and smart HTTP ({@code git http-backend}), with tags, branches, a submodule and an
 * auth-protected copy.
 */
class GitSourceTest {
  private static final Instant COMMIT_TIME = Instant.parse("2020-01-02T03:04:05Z");

  @TempDir Path tmp;
  private GitRepos repos;
  private String v1;
  private String head;
  private String feature;

  @BeforeEach
  void repositories() throws Exception {
    repos = new GitRepos(tmp.resolve("repos"));
    GitRepos.Work sub = repos.work("sub").write("lib.txt", "library\n");
    sub.commit("lib");
    Path subBare = sub.publish();
    GitRepos.Work main = repos.work("main").write("README", "one\n").write("app/main.c", "int main;\n")
        .write("run.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(main.dir().resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    main.run("submodule", "add", "-q", subBare.toString(), "lib");
    main.run("config", "-f", ".gitmodules", "submodule.lib.url", "../sub.git");
    v1 = main.commit("first");
    main.run("tag", "-a", "v1", "-m", "release 1");
    main.run("checkout", "-q", "-b", "feature");
    main.write("feature.txt", "feature\n");
    feature = main.commit("feature");
    main.run("checkout", "-q", "main");
    main.write("README", "two\n");
    head = main.commit("second");
    main.publish();
    GitRepos.git(repos.served().resolve("main.git"), "update-ref", "refs/pull/1/head", feature);
  }

  private Engine open() throws Exception {
    return Engine.open(EngineConfig.at(tmp.resolve("state")));
  }

  private static SolveResult solve(Engine engine, String url, String ref) throws Exception {
    return solve(engine, url, ref, o -> {}, Map.of());
  }

  private static SolveResult solve(Engine engine, String url, String ref, Consumer<GitOptions> options,
      Map<String, byte[]> secrets) throws Exception {
    return engine.solve(State.git(url, ref, options).marshal(MarshalOptions.defaults()),
        SolveRequest.of(new BuildInputs(Map.of(), secrets)));
  }

  /** The one remote's mirror under the engine's state. */
  private Path onlyMirror() throws Exception {
    try (Stream<Path> mirrors = Files.list(tmp.resolve("state/git"))) {
      return mirrors.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
    }
  }

  private static String read(MountedTree t, String path) throws Exception {
    return Files.readString(t.root().resolve(path));
  }

  @Test
  void resolvesHeadBranchesTagsCommitsAndPullRefsFromALocalPath() throws Exception {
    String url = "file://" + repos.served().resolve("main.git");
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, url, ""); MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("two\n");
        assertThat(read(t, "lib/lib.txt")).isEqualTo("library\n");
        assertThat(t.root().resolve(".git")).doesNotExist();
        assertThat(t.root().resolve("lib/.git")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(t.root().resolve("run.sh")))).startsWith("rwx");
        try (Stream<Path> all = Files.walk(t.root())) {
          assertThat(all.filter(p -> !p.equals(t.root()))).allSatisfy(p ->
              assertThat(Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(COMMIT_TIME));
        }
      }
      try (SolveResult r = solve(engine, url, "v1"); MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("one\n");
      }
      try (SolveResult r = solve(engine, url, "feature"); MountedTree t = r.open()) {
        assertThat(read(t, "feature.txt")).isEqualTo("feature\n");
      }
      try (SolveResult r = solve(engine, url, "refs/pull/1/head")) {
        assertThat(r.cached()).as("same commit as the feature branch").isTrue();
      }
      try (SolveResult r = solve(engine, url, v1)) {
        assertThat(r.cached()).as("same commit as tag v1").isTrue();
      }
      try (SolveResult r = solve(engine, url, v1.substring(0, 8))) {
        assertThat(r.cached()).as("short hash of v1").isTrue();
      }
      try (SolveResult r = solve(engine, url, "v1:app"); MountedTree t = r.open()) {
        try (Stream<Path> top = Files.list(t.root())) {
          assertThat(top.map(p -> p.getFileName().toString())).containsExactly("main.c");
        }
      }
      assertThatThrownBy(() -> solve(engine, url, "nope")).hasStackTraceContaining("git ref \"nope\" not found in " + url);
      assertThatThrownBy(() -> solve(engine, url, "main:missing")).hasStackTraceContaining("subdirectory \"missing\" not found");
    }
  }

  @Test
  void gitDaemonCheckoutKeepsTheGitDirWhenAsked() throws Exception {
    try (GitDaemon daemon = new GitDaemon(repos.served()); Engine engine = open();
        SolveResult r = solve(engine, daemon.url("main"), "main", GitOptions::keepGitDir, Map.of());
        MountedTree t = r.open()) {
      assertThat(read(t, "lib/lib.txt")).isEqualTo("library\n");
      assertThat(t.root().resolve(".git")).isDirectory();
      assertThat(GitRepos.git(t.root(), "rev-parse", "HEAD").strip()).isEqualTo(head);
      assertThat(GitRepos.git(t.root(), "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/main");
      assertThat(GitRepos.git(t.root(), "config", "remote.origin.url").strip()).isEqualTo(daemon.url("main"));
      assertThat(GitRepos.git(t.root(), "status", "--porcelain").strip()).isEmpty();
    }
  }

  @Test
  void smartHttpSecondBuildIsOneLsRemoteAndACacheHit() throws Exception {
    try (GitHttpServer server = new GitHttpServer(repos.served(), "s3cret")) {
      String url = server.url("main");
      try (Engine engine = open()) {
        try (SolveResult r = solve(engine, url, "v1"); MountedTree t = r.open()) {
          assertThat(read(t, "README")).isEqualTo("one\n");
          assertThat(read(t, "lib/lib.txt")).isEqualTo("library\n");
        }
        assertThat(server.requests()).extracting(GitHttpServer.Request::kind).contains("fetch");
      }
      server.clearRequests();
      try (Engine engine = open(); SolveResult r = solve(engine, url, "v1")) {
        assertThat(r.cached()).isTrue();
      }
      assertThat(server.requests()).extracting(GitHttpServer.Request::kind).doesNotContain("fetch")
          .filteredOn("refs"::equals).hasSize(1);
    }
  }

  @Test
  void aMovedBranchIsFetchedIntoTheExistingMirror() throws Exception {
    try (GitHttpServer server = new GitHttpServer(repos.served(), "s3cret"); Engine engine = open()) {
      String url = server.url("main");
      try (SolveResult r = solve(engine, url, "main"); MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("two\n");
        assertThat(r.progress()).anyMatch(e -> e.event() instanceof VertexEvent.Status s
            && s.id().equals("fetching " + url) && s.completed() != null);
      }
      GitRepos.Work main = repos.work("main");
      main.write("README", "three\n").commit("third");
      main.publish();
      try (SolveResult r = solve(engine, url, "main"); MountedTree t = r.open()) {
        assertThat(r.cached()).isFalse();
        assertThat(read(t, "README")).isEqualTo("three\n");
      }
      try (Stream<Path> mirrors = Files.list(tmp.resolve("state/git"))) {
        assertThat(mirrors.filter(p -> !p.getFileName().toString().startsWith("."))).as("one mirror for the remote").hasSize(1);
      }
    }
  }

  @Test
  void fetchesAreShallowUnlessTheGitDirIsKeptAndAMirrorHoldingTheCommitFetchesNothing() throws Exception {
    try (GitHttpServer server = new GitHttpServer(repos.served(), "s3cret"); Engine engine = open()) {
      String url = server.url("main");
      try (SolveResult r = solve(engine, url, "main"); MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("two\n");
      }
      Path mirror = onlyMirror();
      assertThat(mirror.resolve("shallow")).as("depth 1").exists();
      assertThat(GitRepos.git(mirror, "rev-list", "--count", "refs/heads/main").strip()).isEqualTo("1");

      server.clearRequests();
      try (SolveResult r = solve(engine, url, "main:app"); MountedTree t = r.open()) {
        assertThat(r.cached()).isFalse();
        assertThat(read(t, "main.c")).isEqualTo("int main;\n");
      }
      assertThat(server.requests()).filteredOn(q -> q.path().startsWith("/main.git"))
          .extracting(GitHttpServer.Request::kind).doesNotContain("fetch");

      try (SolveResult r = solve(engine, url, "main", GitOptions::keepGitDir, Map.of()); MountedTree t = r.open()) {
        assertThat(GitRepos.git(t.root(), "rev-list", "--count", "HEAD").strip()).as("full history").isEqualTo("2");
        assertThat(t.root().resolve(".git/shallow")).doesNotExist();
      }
      assertThat(mirror.resolve("shallow")).as("unshallowed").doesNotExist();
    }
  }

  @Test
  void anOldCommitNamedByFullHashIsFetched() throws Exception {
    try (GitHttpServer server = new GitHttpServer(repos.served(), "s3cret"); Engine engine = open()) {
      String url = server.url("main");
      try (SolveResult r = solve(engine, url, "main")) {
        assertThat(r.cached()).isFalse();
      }
      try (SolveResult r = solve(engine, url, feature); MountedTree t = r.open()) {
        assertThat(read(t, "feature.txt")).isEqualTo("feature\n");
      }
      assertThat(onlyMirror().resolve("shallow")).as("fetched by id at depth 1, not in full").exists();
      assertThat(GitRepos.git(onlyMirror(), "rev-list", "--count", "--all").strip()).isEqualTo("2");
      try (SolveResult r = solve(engine, url, v1); MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("one\n");
      }
    }
    try (GitDaemon daemon = new GitDaemon(repos.served()); Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state2")));
        SolveResult r = solve(engine, daemon.url("main"), v1); MountedTree t = r.open()) {
      assertThat(read(t, "README")).isEqualTo("one\n");
    }
  }

  @Test
  void nestedSubmodulesAreCheckedOutRecursively() throws Exception {
    GitRepos.Work leaf = repos.work("leaf").write("leaf.txt", "leaf\n");
    leaf.commit("leaf");
    Path leafBare = leaf.publish();
    GitRepos.Work mid = repos.work("mid").write("mid.txt", "mid\n");
    mid.run("submodule", "add", "-q", leafBare.toString(), "deps/leaf");
    mid.run("config", "-f", ".gitmodules", "submodule.deps/leaf.url", "../leaf.git");
    mid.commit("mid");
    Path midBare = mid.publish();
    GitRepos.Work top = repos.work("top").write("top.txt", "top\n");
    top.run("submodule", "add", "-q", midBare.toString(), "vendor/mid");
    top.run("config", "-f", ".gitmodules", "submodule.vendor/mid.url", "../mid.git");
    top.commit("top");
    top.publish();
    try (GitHttpServer server = new GitHttpServer(repos.served(), "s3cret"); Engine engine = open()) {
      try (SolveResult r = solve(engine, server.url("top"), "main"); MountedTree t = r.open()) {
        assertThat(read(t, "vendor/mid/mid.txt")).isEqualTo("mid\n");
        assertThat(read(t, "vendor/mid/deps/leaf/leaf.txt")).isEqualTo("leaf\n");
        assertThat(t.root().resolve("vendor/mid/.git")).doesNotExist();
        assertThat(t.root().resolve("vendor/mid/deps/leaf/.git")).doesNotExist();
      }
      try (SolveResult r = solve(engine, server.url("top"), "main", GitOptions::keepGitDir, Map.of()); MountedTree t = r.open()) {
        assertThat(GitRepos.git(t.root(), "submodule", "status", "--recursive"))
            .contains("vendor/mid").contains("vendor/mid/deps/leaf").doesNotContain("-").doesNotContain("+");
      }
    }
  }

  @Test
  void gitChecksumMustPrefixTheResolvedCommitOrAnnotatedTag() throws Exception {
    String tagObject = GitRepos.git(repos.served().resolve("main.git"), "rev-parse", "v1").strip();
    String url = "file://" + repos.served().resolve("main.git");
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, url, "main", o -> o.checksum(head.substring(0, 12)), Map.of()); MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("two\n");
      }
      try (SolveResult r = solve(engine, url, "v1", o -> o.checksum(tagObject), Map.of())) {
        assertThat(r.cached()).isFalse();
      }
      try (SolveResult r = solve(engine, url, "v1", o -> o.checksum(v1), Map.of())) {
        assertThat(r.cached()).as("the checksum is no part of the key").isTrue();
      }
      assertThatThrownBy(() -> solve(engine, url, "main", o -> o.checksum(v1), Map.of()))
          .hasStackTraceContaining("expected checksum to match " + v1 + ", got " + head);
      assertThatThrownBy(() -> solve(engine, url, "v1", o -> o.checksum(head), Map.of()))
          .hasStackTraceContaining("expected checksum to match " + head + ", got " + tagObject + " or " + v1);
      assertThatThrownBy(() -> solve(engine, url, head, o -> o.checksum(v1), Map.of()))
          .hasStackTraceContaining("expected checksum to match " + v1 + ", got " + head);
    }
  }

  @Test
  void concurrentBuildsOfOneRemoteShareItsMirror() throws Exception {
    try (GitHttpServer server = new GitHttpServer(repos.served(), "s3cret"); Engine engine = open();
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      String url = server.url("main");
      java.util.List<java.util.concurrent.Future<String>> builds = new java.util.ArrayList<>();
      for (String ref : new String[] {"v1", "feature", "main", v1.substring(0, 10)}) {
        builds.add(threads.submit(() -> {
          try (SolveResult r = solve(engine, url, ref); MountedTree t = r.open()) {
            return read(t, "README");
          }
        }));
      }
      assertThat(builds.stream().map(f -> {
        try {
          return f.get();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      })).containsExactly("one\n", "one\n", "two\n", "one\n");
    }
  }

  private static SolveResult solveSsh(Engine engine, String url, String ref, Consumer<GitOptions> options,
      TestSshAgent agent) throws Exception {
    return engine.solve(State.git(url, ref, options).marshal(MarshalOptions.defaults()),
        SolveRequest.of(new BuildInputs(Map.of(), Map.of()).withSshAgents(agent)));
  }

  @Test
  void sshRemoteIsClonedWithTheBuildsAgentAndKnownHosts() throws Exception {
    try (TestSshAgent agent = new TestSshAgent(tmp.resolve("agent"), "default");
        GitSshServer server = new GitSshServer(repos.served(), tmp.resolve("host_key"), 0);
        Engine engine = open()) {
      server.authorize(agent.publicKey());
      String known = server.knownHostsLine();
      String url = server.url("main");
      try (SolveResult r = solveSsh(engine, url, "v1", o -> o.knownSshHosts(known), agent); MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("one\n");
        assertThat(read(t, "lib/lib.txt")).as("relative submodule over ssh").isEqualTo("library\n");
      }
      try (SolveResult r = solveSsh(engine, url, "v1", o -> o.knownSshHosts(known), agent)) {
        assertThat(r.cached()).isTrue();
      }
    }
  }

  @Test
  void sshRemoteWithAnUnknownHostKeyFailsClearly() throws Exception {
    try (TestSshAgent agent = new TestSshAgent(tmp.resolve("agent"), "default");
        GitSshServer server = new GitSshServer(repos.served(), tmp.resolve("host_key"), 0);
        GitSshServer other = new GitSshServer(repos.served(), tmp.resolve("other_key"), 0);
        Engine engine = open()) {
      server.authorize(agent.publicKey());
      String wrong = other.knownHostsLine().replace(":" + other.port() + "]", ":" + server.port() + "]");
      assertThatThrownBy(() -> solveSsh(engine, server.url("main"), "main", o -> o.knownSshHosts(wrong), agent))
          .hasStackTraceContaining("Server key did not validate (the server's host key is unknown or changed");
      String unrelated = "[127.0.0.2]:22 " + other.knownHostsLine().split(" ", 2)[1];
      assertThatThrownBy(() -> solveSsh(engine, server.url("main"), "main", o -> o.knownSshHosts(unrelated), agent))
          .hasStackTraceContaining("Server key did not validate (the server's host key is unknown or changed");
    }
  }

  @Test
  void sshRemoteRefusingTheAgentsKeyOrWithoutAnAgentFailsClearly() throws Exception {
    try (TestSshAgent agent = new TestSshAgent(tmp.resolve("agent"), "default");
        GitSshServer server = new GitSshServer(repos.served(), tmp.resolve("host_key"), 0);
        Engine engine = open()) {
      String known = server.knownHostsLine();
      assertThatThrownBy(() -> solveSsh(engine, server.url("main"), "main", o -> o.knownSshHosts(known), agent))
          .hasStackTraceContaining("git ls-remote " + server.url("main") + " failed")
          .hasStackTraceContaining("Cannot log in at 127.0.0.1:" + server.port());
      assertThatThrownBy(() -> solveSsh(engine, server.url("main"), "main",
          o -> o.knownSshHosts(known).mountSshSock("deploy"), agent))
          .hasStackTraceContaining("no SSH agent 'deploy' forwarded");
    }
  }

  @Test
  void anAuthProtectedRepositoryNeedsTheTokenSecret() throws Exception {
    try (GitHttpServer server = new GitHttpServer(repos.served(), "s3cret"); Engine engine = open()) {
      String url = server.privateUrl("main");
      assertThatThrownBy(() -> solve(engine, url, "main")).hasStackTraceContaining("git ls-remote " + url + " failed");
      byte[] token = "s3cret".getBytes(StandardCharsets.UTF_8);
      try (SolveResult r = solve(engine, url, "main", o -> {}, Map.of("GIT_AUTH_TOKEN.127.0.0.1", token));
          MountedTree t = r.open()) {
        assertThat(read(t, "README")).isEqualTo("two\n");
      }
      String header = "basic " + java.util.Base64.getEncoder().encodeToString("x-access-token:s3cret".getBytes(StandardCharsets.UTF_8));
      try (SolveResult r = solve(engine, url, "feature", o -> {}, Map.of("GIT_AUTH_HEADER", header.getBytes(StandardCharsets.UTF_8)));
          MountedTree t = r.open()) {
        assertThat(read(t, "feature.txt")).isEqualTo("feature\n");
      }
    }
  }
}
