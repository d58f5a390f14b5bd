package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.gc.GcPolicy;
import dev.kiln.engine.gc.RecordType;
import dev.kiln.engine.gc.UsageRecord;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.testing.FileServer;
import dev.kiln.engine.source.testing.GitRepos;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the git and http sources keep outside snapshots (bare mirrors, downloaded files) shows in
 * {@code kiln du} with BuildKit's types and goes with {@code kiln prune} — never while a build that
 * used it still runs; a later build fetches it again.
 */
class SourceRecordsGcTest {
  @TempDir Path tmp;

  private Engine open() throws Exception {
    return Engine.open(EngineConfig.at(tmp.resolve("state")));
  }

  private static SolveResult solve(Engine engine, State state) throws Exception {
    return engine.solve(state.marshal(MarshalOptions.defaults()), SolveRequest.of(BuildInputs.NONE));
  }

  private static List<UsageRecord> prune(Engine engine, String filter) throws Exception {
    List<UsageRecord> removed = new ArrayList<>();
    engine.prune(List.of(GcPolicy.everything(List.of(filter), false)), removed::add);
    return removed;
  }

  @Test
  void gitMirrorsAreCheckoutRecordsPrunedOnlyWhenNoBuildUsesThem() throws Exception {
    GitRepos repos = new GitRepos(tmp.resolve("repos"));
    GitRepos.Work work = repos.work("app").write("README", "one\n");
    work.commit("first");
    work.publish();
    String url = "file://" + repos.served().resolve("app.git");
    Path mirrors = tmp.resolve("state/git");
    try (Engine engine = open()) {
      try (SolveResult _ = solve(engine, State.git(url, "main", o -> {}))) {
        assertThat(engine.diskUsage(List.of("type==source.git.checkout,description~=^git snapshot"))).singleElement()
            .extracting(UsageRecord::description).isEqualTo("git snapshot for " + url + "#main");
        List<UsageRecord> git = engine.diskUsage(List.of("type==source.git.checkout,description~=^shared"));
        assertThat(git).singleElement().satisfies(m -> {
          assertThat(m.id()).startsWith("git:");
          assertThat(m.recordType()).isEqualTo(RecordType.SOURCE_GIT_CHECKOUT);
          assertThat(m.description()).isEqualTo("shared git repo for " + url);
          assertThat(m.size()).isPositive();
          assertThat(m.inUse()).isTrue(); // the build that fetched it is still running
          assertThat(mirrors.resolve(m.id().substring("git:".length()))).isDirectory();
        });
        assertThat(prune(engine, "id~=^git:")).isEmpty();
      }
      List<UsageRecord> removed = prune(engine, "id~=^git:");
      assertThat(removed).singleElement().extracting(UsageRecord::description).isEqualTo("shared git repo for " + url);
      assertThat(engine.diskUsage(List.of("id~=^git:"))).isEmpty();
      try (Stream<Path> left = Files.list(mirrors)) {
        assertThat(left.filter(Files::isDirectory)).isEmpty();
      }
      // Everything goes, so the next build fetches the remote again into a new mirror.
      prune(engine, "");
      try (SolveResult r = solve(engine, State.git(url, "main", o -> {})); MountedTree t = r.open()) {
        assertThat(t.root().resolve("README")).hasContent("one");
      }
      assertThat(engine.diskUsage(List.of("id~=^git:"))).hasSize(1);
    }
  }

  @Test
  void localContextChecksumMemosAreRecordsThatCanGoAnyTime() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("a.txt"), "a");
    // A file changed within the last 50 ms is too recent to be recorded in a memo (racy, as in git).
    Thread.sleep(200);
    BuildInputs inputs = new BuildInputs(java.util.Map.of("ctx", ctx), java.util.Map.of());
    var definition = State.local("ctx").marshal(MarshalOptions.defaults().withLocalUniqueId("t"));
    try (Engine engine = open()) {
      engine.solve(definition, SolveRequest.of(inputs)).close();
      List<UsageRecord> memos = engine.diskUsage(List.of("id~=^contenthash:"));
      assertThat(memos).singleElement().satisfies(m -> {
        assertThat(m.recordType()).isEqualTo(RecordType.SOURCE_LOCAL);
        assertThat(m.size()).isPositive();
      });
      assertThat(prune(engine, "id~=^contenthash:")).hasSize(1);
      assertThat(StoreConsistency.names(tmp.resolve("state/contenthash"))).noneMatch(n -> n.endsWith(".memo"));
    }
    // A new process hashes the context again and finds its snapshot.
    try (Engine engine = open(); SolveResult r = engine.solve(definition, SolveRequest.of(inputs))) {
      assertThat(r.cached()).isTrue();
    }
  }

  @Test
  void httpDownloadsAreRecordsKeptUntilPrunedThenFetchedAgain() throws Exception {
    try (FileServer server = new FileServer()) {
      server.file("/f.txt", "hello\n".getBytes(StandardCharsets.UTF_8), "\"v1\"", null);
      State state = State.http(server.url("/f.txt"));
      try (Engine engine = open()) {
        try (SolveResult _ = solve(engine, state)) {
          assertThat(engine.diskUsage(List.of("description==http url " + server.url("/f.txt")))).singleElement()
              .satisfies(d -> {
                assertThat(d.id()).startsWith("http:");
                assertThat(d.recordType()).isEqualTo(RecordType.REGULAR);
                assertThat(d.size()).isEqualTo(6);
                assertThat(d.inUse()).isTrue();
              });
          assertThat(prune(engine, "description~=^http url ")).isEmpty();
        }
        // A collection that removes other things keeps the download (it used to sweep it as unreferenced).
        prune(engine, "type==exec.cachemount");
        try (SolveResult r = solve(engine, state)) {
          assertThat(r.cached()).isTrue();
        }
        assertThat(prune(engine, "description~=^http url ")).hasSize(1);
        assertThat(engine.diskUsage(List.of("description~=^http url "))).isEmpty();
        prune(engine, "");
        try (SolveResult r = solve(engine, state); MountedTree t = r.open()) {
          assertThat(t.root().resolve("f.txt")).hasContent("hello");
        }
      }
      // Downloaded, revalidated (304) while kept, downloaded again once forgotten.
      assertThat(server.requests()).extracting(FileServer.Request::status).containsExactly(200, 304, 200);
    }
  }
}
