package dev.kiln.engine.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.Engine;
import dev.kiln.engine.SolveRequest;
import dev.kiln.engine.SolveResult;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.testing.FileServer;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.Digest;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.State;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http(s)://} sources against a loopback server that counts its requests. */
class HttpSourceTest {
  private static final String LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";
  private static final Instant LAST_MODIFIED_TIME = Instant.parse("2015-10-21T07:28:00Z");

  @TempDir Path tmp;
  private final FileServer server = new FileServer();

  HttpSourceTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static SolveResult solve(Engine engine, State state) throws Exception {
    return engine.solve(state.marshal(MarshalOptions.defaults()), SolveRequest.of(BuildInputs.NONE));
  }

  private Engine open() throws Exception {
    return Engine.open(EngineConfig.at(tmp.resolve("state")));
  }

  @Test
  void downloadsOnceThenAsksConditionallyAndHitsTheCache() throws Exception {
    server.file("/files/hello.txt", bytes("hello\n"), "\"v1\"", LAST_MODIFIED);
    State state = State.http(server.url("/files/hello.txt"));
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, state); MountedTree t = r.open()) {
        Path file = t.root().resolve("hello.txt");
        assertThat(file).hasContent("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(LAST_MODIFIED_TIME);
        assertThat(r.progress()).anyMatch(e -> e.event() instanceof VertexEvent.Status s
            && s.id().startsWith("downloading ") && s.current() == 6);
      }
      try (SolveResult r = solve(engine, state)) {
        assertThat(r.cached()).isTrue();
      }
    }
    // A restarted engine remembers the validators too.
    try (Engine engine = open(); SolveResult r = solve(engine, state)) {
      assertThat(r.cached()).isTrue();
    }
    assertThat(server.requests()).extracting(FileServer.Request::status).containsExactly(200, 304, 304);
    assertThat(server.requests().get(1).ifNoneMatch()).isEqualTo("\"v1\"");
    assertThat(server.requests().get(1).ifModifiedSince()).isEqualTo(LAST_MODIFIED);
  }

  @Test
  void changedContentIsDownloadedAgainUnderANewKey() throws Exception {
    server.file("/data", bytes("one"), "\"1\"", null);
    State state = State.http(server.url("/data"));
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, state)) {
        assertThat(r.cached()).isFalse();
      }
      server.file("/data", bytes("two"), "\"2\"", null);
      try (SolveResult r = solve(engine, state); MountedTree t = r.open()) {
        assertThat(r.cached()).isFalse();
        assertThat(t.root().resolve("data")).hasContent("two");
      }
    }
    assertThat(server.requests()).extracting(FileServer.Request::status).containsExactly(200, 200);
  }

  @Test
  void aWrongChecksumFailsAndStoresNothing() throws Exception {
    byte[] expected = bytes("the real thing\n");
    byte[] served = bytes("something else\n");
    server.file("/evil.bin", served, null, null);
    Digest checksum = Digest.of(expected);
    try (Engine engine = open()) {
      assertThatThrownBy(() -> solve(engine, State.http(server.url("/evil.bin"), o -> o.checksum(checksum))))
          .hasStackTraceContaining("checksum mismatch for " + server.url("/evil.bin"))
          .hasStackTraceContaining(checksum.value());
      assertThat(engine.content().exists(Digest.of(served))).isFalse();
      assertThat(engine.content().exists(checksum)).isFalse();
    }
  }

  @Test
  void aKnownChecksumIsKeyedWithoutARequestAndDownloadedOnlyOnce() throws Exception {
    byte[] body = bytes("pinned\n");
    server.file("/pinned.txt", body, null, null);
    State state = State.http(server.url("/pinned.txt"), o -> o.checksum(Digest.of(body)));
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, state); MountedTree t = r.open()) {
        assertThat(t.root().resolve("pinned.txt")).hasContent("pinned");
      }
      try (SolveResult r = solve(engine, state)) {
        assertThat(r.cached()).isTrue();
      }
    }
    assertThat(server.count("/pinned.txt")).isEqualTo(1);
  }

  @Test
  void acceptAndUserAgentHeadersAreSentAndKeyed() throws Exception {
    server.file("/api", "json".getBytes(StandardCharsets.UTF_8), "\"e1\"", null);
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, State.http(server.url("/api"), o -> o.accept("application/json").userAgent("probe/1")))) {
        assertThat(r.cached()).isFalse();
      }
      try (SolveResult r = solve(engine, State.http(server.url("/api")))) {
        assertThat(r.cached()).as("other headers, another key").isFalse();
      }
      try (SolveResult r = solve(engine, State.http(server.url("/api"), o -> o.accept("application/json").userAgent("probe/1")))) {
        assertThat(r.cached()).isTrue();
      }
    }
    assertThat(server.requests()).extracting(FileServer.Request::accept, FileServer.Request::userAgent)
        .first().isEqualTo(org.assertj.core.groups.Tuple.tuple("application/json", "probe/1"));
    assertThat(server.requests().get(1).userAgent()).isEqualTo("kiln");
    assertThat(HttpAttrs.of("https://h/x", Map.of("http.header.accept", "a/b", "http.header.X-Other", "no")).headers())
        .containsExactly(Map.entry("Accept", "a/b"));
  }

  @Test
  void filenamePermAndOwnerComeFromTheAttrs() throws Exception {
    server.file("/dl", bytes("x"), null, null);
    State state = State.http(server.url("/dl"), o -> o.filename("tool").chmod(0755).chown(1000, 2000));
    try (Engine engine = open(); SolveResult r = solve(engine, state); MountedTree t = r.open()) {
      Path file = t.root().resolve("tool");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-xr-x");
      assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(1000);
      assertThat(Files.getAttribute(file, "unix:gid")).isEqualTo(2000);
      try (var names = Files.list(t.root())) {
        assertThat(names.map(p -> p.getFileName().toString())).containsExactly("tool");
      }
    }
  }

  @Test
  void aRevalidatedUrlTakesEachOpsOwnFilename() throws Exception {
    server.file("/shared.bin", bytes("s"), "\"s1\"", null);
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, State.http(server.url("/shared.bin"), o -> o.filename("a"))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("a")).hasContent("s");
      }
      try (SolveResult r = solve(engine, State.http(server.url("/shared.bin"))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("shared.bin")).hasContent("s");
      }
    }
    assertThat(server.requests()).extracting(FileServer.Request::status).containsExactly(200, 304);
  }

  @Test
  void namesFromContentDispositionOrIndex() throws Exception {
    server.file("/download", bytes("a"), null, null, Map.of("Content-Disposition", "attachment; filename=\"report.csv\""));
    server.file("/", bytes("b"), null, null);
    try (Engine engine = open()) {
      try (SolveResult r = solve(engine, State.http(server.url("/download"))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("report.csv")).hasContent("a");
      }
      try (SolveResult r = solve(engine, State.http(server.url("/"))); MountedTree t = r.open()) {
        assertThat(t.root().resolve("index")).hasContent("b");
      }
    }
  }

  @Test
  void followsRedirectsAndRetriesTransientFailures() throws Exception {
    server.file("/real/file.txt", bytes("found"), null, null);
    server.redirect("/moved", server.url("/real/file.txt"));
    server.failing("/real/file.txt", 2);
    try (Engine engine = open(); SolveResult r = solve(engine, State.http(server.url("/moved"))); MountedTree t = r.open()) {
      assertThat(t.root().resolve("file.txt")).hasContent("found");
    }
    assertThat(server.requests()).extracting(FileServer.Request::status).containsExactly(302, 503, 302, 503, 302, 200);
  }

  @Test
  void aMissingFileIsAClearError() throws Exception {
    try (Engine engine = open()) {
      assertThatThrownBy(() -> solve(engine, State.http(server.url("/nope"))))
          .hasStackTraceContaining("GET " + server.url("/nope") + ": HTTP 404");
    }
  }
}
