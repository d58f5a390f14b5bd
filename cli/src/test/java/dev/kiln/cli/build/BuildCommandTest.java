package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.daemon.Daemon;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import io.grpc.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln build} end to end: CLI, session, daemon (embedded or on a unix socket), engine, exporters. Needs root for RUN. */
class BuildCommandTest {
  @TempDir Path tmp;
  private Path root;
  private Path rootfs;

  @BeforeEach
  void setUp() throws Exception {
    root = tmp.resolve("state");
    rootfs = BusyboxTree.create(tmp.resolve("rootfs"));
  }

  private static byte[] definition(State state) {
    return state.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")).toByteArray();
  }

  private Path dockerContext(String dockerfile) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.createDirectories(ctx.resolve("sub"));
    Files.writeString(ctx.resolve("sub/nested.txt"), "nested\n");
    return ctx;
  }

  @Test
  void dockerfileFromScratchCopiesToALocalDirectory() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY hello.txt /app/\nCOPY sub /app/sub\n");
    Path out = tmp.resolve("out");
    Cli r = Cli.run("build", ctx.toString(), "-o", "type=local,dest=" + out, "--root", root.toString(), "--progress", "plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("app/hello.txt")).hasContent("hello");
    assertThat(out.resolve("app/sub/nested.txt")).hasContent("nested");
    assertThat(r.err()).contains("[internal] load build definition from Dockerfile")
        .contains("[1/2] COPY hello.txt /app/").contains("DONE");
  }

  @Test
  void exportingShowsAsAStepNamedAsBuildKitNamesIt() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY hello.txt /app/\n");
    Cli local = Cli.run("build", ctx.toString(), "-o", "type=local,dest=" + tmp.resolve("out"), "--root", root.toString(), "--progress", "plain");
    assertThat(local.exitCode()).as(local.err()).isZero();
    assertThat(local.err()).containsPattern("#(\\d+) exporting to client directory\n#\\1 DONE");
    Cli oci = Cli.run("build", ctx.toString(), "-o", "type=oci,dest=" + tmp.resolve("image.tar"), "--root", root.toString(), "--progress", "plain");
    assertThat(oci.exitCode()).as(oci.err()).isZero();
    assertThat(oci.err()).containsPattern("#(\\d+) exporting to oci image format\n(#\\1 .*\n)*#\\1 DONE");
  }

  @Test
  void aContextGivenAsARelativePathIsReadFromTheWorkingDirectory() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY hello.txt /app/\n");
    Path relative = Path.of("").toAbsolutePath().relativize(ctx);
    Path out = tmp.resolve("out");
    Cli r = Cli.run("build", relative.toString(), "-o", "type=local,dest=" + out, "--root", root.toString(), "--progress", "plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("app/hello.txt")).hasContent("hello");
  }

  @Test
  void aStepThatRunsAgainSaysWhyItsCacheMissed() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY sub /app/sub\n");
    Cli first = Cli.run("build", ctx.toString(), "--root", root.toString(), "--progress", "plain");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).doesNotContain("cache miss");
    Files.writeString(ctx.resolve("sub/nested.txt"), "changed\n");
    Cli second = Cli.run("build", ctx.toString(), "--root", root.toString(), "--progress", "plain");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).containsPattern(
        "#\\d+ \\[1/1\\] COPY sub /app/sub\n#\\d+ \\d+\\.\\d+ cache miss: input 0 \\(/sub.*\\) content changed: sha256:[0-9a-f]{12}… → sha256:[0-9a-f]{12}…\n");
    // Files changed within 50 ms of being hashed are not remembered (racy, see LocalContextChecksums);
    // in-process builds are quick enough to stay within that window, so let the synced files age.
    Thread.sleep(100);
    Cli third = Cli.run("build", ctx.toString(), "--root", root.toString(), "--progress", "plain");
    assertThat(third.exitCode()).as(third.err()).isZero();
    assertThat(third.err()).doesNotContain("cache miss").contains("CACHED");
    // What the context's checksums learnt is kept under the state root for the next process.
    try (var memos = Files.list(root.resolve("contenthash"))) {
      assertThat(memos.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".memo"));
    }
  }

  @Test
  void rawDefinitionWithARunStepExportsLocalAndTarAndIsCachedTheSecondTime() throws Exception {
    State built = State.local("rootfs").run(r -> r.shlex("sh -c 'echo built > /result.txt'")).root();
    byte[] def = definition(built);
    Path out = tmp.resolve("out");
    Cli first = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "-o", "type=local,dest=" + out,
        "--root", root.toString(), "--progress", "plain");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(out.resolve("result.txt")).hasContent("built");
    assertThat(out.resolve("bin/busybox")).exists();

    Path tar = tmp.resolve("out.tar");
    Cli second = Cli.run(def, "build", "--local", "rootfs=" + rootfs, "-o", "type=tar,dest=" + tar,
        "--root", root.toString(), "--progress", "plain");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.err()).contains("CACHED");
    String tarText = new String(Files.readAllBytes(tar), StandardCharsets.ISO_8859_1);
    assertThat(tarText).contains("result.txt").contains("built\n").contains("ustar");
    assertThat(Files.size(tar) % 512).isZero();
  }

  @Test
  void aFailingRunExitsOneWithTheStepOutput() throws Exception {
    State failing = State.local("rootfs").run(r -> r.shlex("sh -c 'echo boom; exit 3'")).root();
    Cli r = Cli.run(definition(failing), "build", "--local", "rootfs=" + rootfs, "--root", root.toString(), "--progress", "quiet");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("boom").contains("exit code: 3").contains("ERROR:");
  }

  @Test
  void aSecretReachesTheRunAndStaysOutOfTheResult() throws Exception {
    Path secret = Files.writeString(tmp.resolve("token.txt"), "s3cret");
    State step = State.local("rootfs").run(r -> r
        .shlex("sh -c 'test \"$(cat /run/secrets/tok)\" = s3cret && echo ok > /checked'")
        .secret("/run/secrets/tok", s -> s.id("tok"))).root();
    Path out = tmp.resolve("out");
    Cli r = Cli.run(definition(step), "build", "--local", "rootfs=" + rootfs, "--secret", "id=tok,src=" + secret,
        "-o", "type=local,dest=" + out, "--root", root.toString(), "--progress", "plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("checked")).hasContent("ok");
    assertThat(out.resolve("run/secrets/tok")).doesNotExist();
  }

  @Test
  void noOutputSaysTheResultStaysInTheCache() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY hello.txt /\n");
    Cli r = Cli.run("build", ctx.toString(), "--root", root.toString(), "--progress", "quiet");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("stays in the build cache");
  }

  @Test
  void aMissingLocalIsNamed() throws Exception {
    State step = State.local("rootfs").run(r -> r.shlex("true")).root();
    Cli r = Cli.run(definition(step), "build", "--root", root.toString(), "--progress", "quiet");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--local rootfs=DIR");
  }

  @Test
  void anInvalidDockerfileIsABuildFailure() throws Exception {
    Path ctx = dockerContext("FROM scratch\nFROBNICATE x\n");
    Cli r = Cli.run("build", ctx.toString(), "--root", root.toString(), "--progress", "quiet");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).containsIgnoringCase("frobnicate");
  }

  @Test
  void aSecondEmbeddedBuildOnTheSameRootWaitsItsTurn() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY hello.txt /\n");
    Path metadata = tmp.resolve("meta.json");
    Daemon holder = Daemon.open(root);
    var result = new java.util.concurrent.atomic.AtomicReference<Cli>();
    Thread build = Thread.ofVirtual().start(() -> {
      try {
        result.set(Cli.run("build", ctx.toString(), "--root", root.toString(), "--progress", "quiet",
            "--metadata-file", metadata.toString()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(700);
    assertThat(build.isAlive()).isTrue();
    holder.close();
    build.join();
    assertThat(result.get().exitCode()).as(result.get().err()).isZero();
    assertThat(result.get().err()).contains("waiting").contains("in use");
    assertThat(metadata).hasContent("{}");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertThat(Cli.run("build", "--output", "type=local", "--root", root.toString(), ".").exitCode()).isEqualTo(2);
    assertThat(Cli.run("build", "--progress", "fancy", ".").exitCode()).isEqualTo(2);
    assertThat(Cli.run("build", "--root", root.toString()).exitCode()).isEqualTo(2); // no frontend, empty stdin
  }

  @Test
  void buildsAgainstKilndOnAUnixSocket() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY hello.txt /app/\n");
    Path socket = tmp.resolve("run/kilnd.sock");
    Path out = tmp.resolve("out");
    try (Daemon daemon = Daemon.open(root)) {
      Server server = daemon.listenUnix(socket);
      try {
        Cli r = Cli.run("build", ctx.toString(), "--addr", "unix://" + socket, "-o", "type=local,dest=" + out, "--progress", "plain");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("app/hello.txt")).hasContent("hello");
        Cli workers = Cli.run("--addr", "unix://" + socket, "debug", "workers");
        assertThat(workers.exitCode()).as(workers.err()).isZero();
        assertThat(workers.out()).contains("PLATFORMS").contains("kiln").contains("linux/");
        Cli version = Cli.run("--addr", "unix://" + socket, "version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("Client: kiln ").contains("Server: ");
        Cli again = Cli.run("--addr", "unix://" + socket, "build", ctx.toString(), "--progress", "plain");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("CACHED");
      } finally {
        server.shutdownNow().awaitTermination();
      }
    }
  }

  @Test
  void theEmbeddedEngineReadsKilndToml() throws Exception {
    Path ctx = dockerContext("FROM scratch\nCOPY hello.txt /app/\n");
    Path config = tmp.resolve("kilnd.toml");
    Path configuredRoot = tmp.resolve("configured-state");
    Files.writeString(config, "root = \"" + configuredRoot + "\"\nfancy = 1\n[worker.oci]\nsnapshotter = \"copy\"\n");
    Path out = tmp.resolve("out");
    Cli r = Cli.run("build", ctx.toString(), "--config", config.toString(), "-o", "type=local,dest=" + out, "--progress", "plain");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("app/hello.txt")).hasContent("hello");
    assertThat(configuredRoot.resolve("metadata.db")).exists();
    assertThat(r.err()).contains("kiln: config: unknown key 'fancy' (ignored)");
    Cli missing = Cli.run("build", ctx.toString(), "--config", tmp.resolve("nope.toml").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.toml does not exist");
  }
}
