package dev.kiln.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.llb.frontend.FrontendResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Dockerfiles built end to end: frontend, registry pull, RUN in runc, COPY semantics, and the
 * resulting filesystem and image config. Needs root, runc, docker-registry and skopeo.
 */
class DockerfileBuildTest {
  @TempDir static Path shared;
  @TempDir Path ctx;
  private static KilnFixture kiln;

  @BeforeAll
  static void start() throws Exception {
    kiln = KilnFixture.start(shared);
  }

  @AfterAll
  static void stop() throws Exception {
    kiln.close();
  }

  private void dockerfile(String text) throws Exception {
    Files.writeString(ctx.resolve("Dockerfile"), text.replace("BUSYBOX", kiln.busybox));
  }

  private void file(String path, String content) throws Exception {
    Files.createDirectories(ctx.resolve(path).getParent());
    Files.writeString(ctx.resolve(path), content);
  }

  @Test
  void multiStageBuildWithArgsEnvWorkdirAndUser() throws Exception {
    file("src/hello.txt", "hello\n");
    dockerfile("""
        ARG GREETING=hi
        FROM BUSYBOX AS builder
        ARG GREETING
        ENV OUT=/out
        WORKDIR /build
        COPY src/ ./
        RUN mkdir -p $OUT && cat hello.txt > $OUT/msg && echo "$GREETING" >> $OUT/msg && pwd >> $OUT/msg
        FROM BUSYBOX
        COPY --from=builder /out/msg /app/msg
        WORKDIR /app
        USER app
        RUN id -u > /tmp/uid
        ENV MODE=prod
        CMD ["cat", "/app/msg"]
        """);
    FrontendResult converted = kiln.convert(ctx, Map.of("build-arg:GREETING", "bonjour"));
    try (SolveResult r = kiln.build(ctx, Map.of("build-arg:GREETING", "bonjour"), Map.of()); MountedTree t = r.open()) {
      assertThat(t.root().resolve("app/msg")).hasContent("hello\nbonjour\n/build");
      assertThat(t.root().resolve("tmp/uid")).hasContent("1000");
      assertThat(t.root().resolve("build")).doesNotExist();
    }
    JsonNode config = new ObjectMapper().readTree(converted.imageConfig()).get("config");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.get("User").asText()).isEqualTo("app");
    assertThat(config.get("Cmd").toString()).isEqualTo("[\"cat\",\"/app/msg\"]");
    assertThat(config.get("Env").toString()).contains("MODE=prod");
  }

  @Test
  void copySemanticsDirectoriesGlobsOwnersModesAndLinks() throws Exception {
    file("dir/a.txt", "a");
    file("dir/sub/b.txt", "b");
    file("x1.conf", "1");
    file("x2.conf", "2");
    Files.createSymbolicLink(ctx.resolve("link"), Path.of("dir/a.txt"));
    Files.createSymbolicLink(ctx.resolve("dir/inner-link"), Path.of("a.txt"));
    dockerfile("""
        FROM BUSYBOX
        COPY dir /contents/
        COPY dir /named/dir
        COPY x*.conf /conf/
        COPY --chown=1000:1000 --chmod=640 dir/a.txt /owned
        COPY link /link
        """);
    try (SolveResult r = kiln.build(ctx, Map.of(), Map.of()); MountedTree t = r.open()) {
      Path root = t.root();
      assertThat(root.resolve("contents/a.txt")).hasContent("a");
      assertThat(root.resolve("contents/sub/b.txt")).hasContent("b");
      assertThat(root.resolve("contents/dir")).doesNotExist();
      assertThat(root.resolve("named/dir/sub/b.txt")).hasContent("b");
      assertThat(root.resolve("conf/x1.conf")).hasContent("1");
      assertThat(root.resolve("conf/x2.conf")).hasContent("2");
      var owned = PosixFiles.lstat(root.resolve("owned"));
      assertThat(owned.uid()).isEqualTo(1000);
      assertThat(owned.mode() & 07777).isEqualTo(0640);
      // A symlink named as the source is followed (like BuildKit); links inside a copied dir stay links.
      assertThat(Files.isSymbolicLink(root.resolve("link"))).isFalse();
      assertThat(root.resolve("link")).hasContent("a");
      assertThat(Files.readSymbolicLink(root.resolve("contents/inner-link")).toString()).isEqualTo("a.txt");
    }
  }

  @Test
  void heredocsRunMountsAndSecrets() throws Exception {
    dockerfile("""
        FROM BUSYBOX
        RUN <<EOF
        echo one > /heredoc
        echo two >> /heredoc
        EOF
        COPY <<EOF /etc/app.conf
        key=value
        EOF
        RUN --mount=type=cache,target=/cache echo cached > /cache/c && cat /cache/c > /from-cache
        RUN --mount=type=secret,id=token,required=true cat /run/secrets/token > /seen
        RUN --mount=type=tmpfs,target=/scratch touch /scratch/x && ls /scratch > /tmpfs-list
        """);
    try (SolveResult r = kiln.build(ctx, Map.of(), Map.of("token", "s3cret".getBytes(StandardCharsets.UTF_8)));
        MountedTree t = r.open()) {
      assertThat(t.root().resolve("heredoc")).hasContent("one\ntwo");
      assertThat(t.root().resolve("etc/app.conf")).hasContent("key=value");
      assertThat(t.root().resolve("from-cache")).hasContent("cached");
      assertThat(t.root().resolve("cache/c")).doesNotExist();
      assertThat(t.root().resolve("seen")).hasContent("s3cret");
      assertThat(t.root().resolve("run/secrets/token")).doesNotExist();
      assertThat(t.root().resolve("tmpfs-list")).hasContent("x");
      assertThat(t.root().resolve("scratch/x")).doesNotExist();
    }
  }

  @Test
  void dockerignoreKeepsFilesOutOfTheBuild() throws Exception {
    file("keep.txt", "keep");
    file("secret.env", "TOKEN=1");
    file("logs/a.log", "log");
    file(".dockerignore", "*.env\nlogs\n");
    dockerfile("""
        FROM BUSYBOX
        COPY . /ctx/
        """);
    try (SolveResult r = kiln.build(ctx, Map.of(), Map.of()); MountedTree t = r.open()) {
      assertThat(t.root().resolve("ctx/keep.txt")).hasContent("keep");
      assertThat(t.root().resolve("ctx/secret.env")).doesNotExist();
      assertThat(t.root().resolve("ctx/logs")).doesNotExist();
    }
  }

  @Test
  void aDockerfileSpecificIgnoreFileWinsOverTheContextOne() throws Exception {
    file("a.txt", "a");
    file("b.txt", "b");
    file(".dockerignore", "a.txt\n");
    file("Dockerfile.dockerignore", "b.txt\n");
    dockerfile("""
        FROM BUSYBOX
        COPY . /ctx/
        """);
    try (SolveResult r = kiln.build(ctx, Map.of(), Map.of()); MountedTree t = r.open()) {
      assertThat(t.root().resolve("ctx/a.txt")).hasContent("a");
      assertThat(t.root().resolve("ctx/b.txt")).doesNotExist();
    }
  }

  @Test
  void aTargetBuildsOnlyTheStagesItNeeds() throws Exception {
    dockerfile("""
        FROM BUSYBOX AS broken
        RUN exit 1
        FROM BUSYBOX AS good
        RUN echo good > /good
        """);
    try (SolveResult r = kiln.build(ctx, Map.of("target", "good"), Map.of()); MountedTree t = r.open()) {
      assertThat(t.root().resolve("good")).hasContent("good");
    }
    assertThatThrownBy(() -> kiln.build(ctx, Map.of("target", "broken"), Map.of()))
        .hasStackTraceContaining("did not complete successfully: exit code: 1");
  }

  @Test
  void anUnchangedRebuildIsCachedAndAChangedFileRerunsOnlyWhatDependsOnIt() throws Exception {
    file("a.txt", "a1");
    file("b.txt", "b1");
    dockerfile("""
        FROM BUSYBOX
        COPY a.txt /a.txt
        RUN cat /a.txt > /a.copy
        COPY b.txt /b.txt
        """);
    try (SolveResult first = kiln.build(ctx, Map.of(), Map.of())) {
      assertThat(first.cached()).isFalse();
    }
    try (SolveResult again = kiln.build(ctx, Map.of(), Map.of())) {
      assertThat(again.cached()).isTrue();
    }
    file("b.txt", "b2");
    try (SolveResult changed = kiln.build(ctx, Map.of(), Map.of()); MountedTree t = changed.open()) {
      assertThat(changed.cached()).isFalse();
      assertThat(t.root().resolve("b.txt")).hasContent("b2");
      long reran = changed.progress().stream()
          .filter(e -> e.event() instanceof dev.kiln.solver.progress.VertexEvent.Started)
          .filter(e -> e.vertex().name().contains("RUN cat")).count();
      assertThat(reran).as("the RUN step does not depend on b.txt").isZero();
    }
  }
}
