package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.SolveException;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local sources and file ops through the whole engine, with its SQLite cache and real snapshots. */
class EngineFileOpsTest {
  @TempDir Path tmp;

  private Path context() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.createDirectories(ctx.resolve("src/lib"));
    Files.writeString(ctx.resolve("src/main.c"), "int main() { return 0; }\n");
    Files.writeString(ctx.resolve("src/lib/util.c"), "void util() {}\n");
    Files.writeString(ctx.resolve("README"), "not copied\n");
    return ctx;
  }

  private static Definition copyGraph() {
    State ctx = State.local("ctx");
    State out = State.scratch().file(FileAction.copy(ctx, "src", "/app/", o -> o.copyDirContentsOnly().createDestPath()))
        .file(FileAction.mkfile("/app/VERSION", 0644, "1.0\n".getBytes(StandardCharsets.UTF_8)));
    return out.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("test"));
  }

  private Engine open() throws Exception {
    return Engine.open(EngineConfig.at(tmp.resolve("state")));
  }

  @Test
  void copiesFromALocalDirectoryAndCachesByContent() throws Exception {
    Path ctx = context();
    SolveRequest request = SolveRequest.of(new BuildInputs(Map.of("ctx", ctx), Map.of()));
    try (Engine engine = open()) {
      try (SolveResult r = engine.solve(copyGraph(), request); MountedTree t = r.open()) {
        assertThat(r.cached()).isFalse();
        assertThat(t.root().resolve("app/main.c")).hasContent("int main() { return 0; }");
        assertThat(t.root().resolve("app/lib/util.c")).exists();
        assertThat(t.root().resolve("app/VERSION")).hasContent("1.0");
        assertThat(t.root().resolve("app/README")).doesNotExist();
      }
      try (SolveResult again = engine.solve(copyGraph(), request)) {
        assertThat(again.cached()).isTrue();
      }
      Files.writeString(ctx.resolve("src/main.c"), "int main() { return 1; }\n");
      try (SolveResult changed = engine.solve(copyGraph(), request); MountedTree t = changed.open()) {
        assertThat(changed.cached()).isFalse();
        assertThat(t.root().resolve("app/main.c")).hasContent("int main() { return 1; }");
      }
      // An unrelated file changing does not invalidate the copy of src/.
      Files.writeString(ctx.resolve("README"), "changed\n");
      try (SolveResult unrelated = engine.solve(copyGraph(), request)) {
        assertThat(unrelated.cached()).isTrue();
      }
    }
  }

  @Test
  void aCopyThatRunsAgainSaysWhichSourceChanged() throws Exception {
    Path ctx = context();
    SolveRequest request = SolveRequest.of(new BuildInputs(Map.of("ctx", ctx), Map.of()));
    try (Engine engine = open()) {
      try (SolveResult r = engine.solve(copyGraph(), request)) {
        assertThat(missLogs(r)).isEmpty();
      }
      Files.writeString(ctx.resolve("src/main.c"), "int main() { return 2; }\n");
      try (SolveResult r = engine.solve(copyGraph(), request)) {
        assertThat(missLogs(r)).anySatisfy(line -> assertThat(line)
            .matches("\\[copy .*src.*\\] cache miss: input 0 \\(/src\\) content changed: sha256:[0-9a-f]{12}… → sha256:[0-9a-f]{12}…\n"));
      }
      try (SolveResult r = engine.solve(copyGraph(), request)) {
        assertThat(missLogs(r)).isEmpty();
      }
    }
  }

  private static List<String> missLogs(SolveResult r) {
    return r.progress().stream()
        .filter(e -> e.event() instanceof VertexEvent.Log)
        .map(e -> "[" + e.vertex().name() + "] "
            + new String(((VertexEvent.Log) e.event()).data(), StandardCharsets.UTF_8))
        .filter(line -> line.contains("cache miss"))
        .toList();
  }

  @Test
  void resultsSurviveARestart() throws Exception {
    Path ctx = context();
    SolveRequest request = SolveRequest.of(new BuildInputs(Map.of("ctx", ctx), Map.of()));
    String first;
    try (Engine engine = open(); SolveResult r = engine.solve(copyGraph(), request)) {
      first = r.snapshotId();
    }
    try (Engine engine = open(); SolveResult r = engine.solve(copyGraph(), request)) {
      assertThat(r.cached()).isTrue();
      assertThat(r.snapshotId()).isEqualTo(first);
    }
  }

  @Test
  void mergeLayersInputsAndDiffKeepsOnlyChanges() throws Exception {
    State a = State.scratch().file(FileAction.mkfile("/a", 0644, bytes("a")).thenMkfile("/shared", 0644, bytes("from a")));
    State b = State.scratch().file(FileAction.mkfile("/b", 0644, bytes("b")).thenMkfile("/shared", 0644, bytes("from b")));
    State merged = State.merge(List.of(a, b));
    State upper = merged.file(FileAction.mkfile("/c", 0600, bytes("c")));
    State diff = State.diff(merged, upper);
    try (Engine engine = open()) {
      try (SolveResult r = engine.solve(marshal(merged), SolveRequest.of(BuildInputs.NONE)); MountedTree t = r.open()) {
        assertThat(t.root().resolve("a")).hasContent("a");
        assertThat(t.root().resolve("b")).hasContent("b");
        assertThat(t.root().resolve("shared")).hasContent("from b");
      }
      try (SolveResult r = engine.solve(marshal(diff), SolveRequest.of(BuildInputs.NONE)); MountedTree t = r.open()) {
        assertThat(t.root().resolve("c")).hasContent("c");
        assertThat(t.root().resolve("a")).doesNotExist();
      }
    }
  }

  @Test
  void aFailingStepNamesItsVertex() throws Exception {
    State bad = State.scratch().file(FileAction.copy(State.scratch().file(FileAction.mkdir("/x", 0755)), "/missing", "/y"));
    try (Engine engine = open()) {
      assertThatThrownBy(() -> engine.solve(marshal(bad), SolveRequest.of(BuildInputs.NONE)))
          .isInstanceOf(SolveException.class)
          .hasMessageContaining("copy /missing /y")
          .hasStackTraceContaining("/missing");
    }
  }

  @Test
  void aMissingLocalDirectorySaysHowToProvideIt() throws Exception {
    try (Engine engine = open()) {
      assertThatThrownBy(() -> engine.solve(copyGraph(), SolveRequest.of(BuildInputs.NONE)))
          .hasStackTraceContaining("local directory 'ctx' was not provided");
    }
  }

  private static Definition marshal(State s) {
    return s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
