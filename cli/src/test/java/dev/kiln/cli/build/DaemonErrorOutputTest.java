package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that calls the daemon reports an unreachable one the same way: one line, exit 1
 * ({@code du} and {@code prune} through DaemonCommand, {@code debug workers} and {@code version}
 * through DaemonConnection.call, {@code build} through its own path).
 */
class DaemonErrorOutputTest {
  @TempDir Path tmp;

  @Test
  void anUnreachableDaemonIsOneLineAndExitCodeOne() throws Exception {
    String addr = "unix://" + tmp.resolve("no-such/kilnd.sock");
    for (String[] args : new String[][] {
        {"du", "--addr", addr}, {"prune", "--addr", addr}, {"debug", "workers", "--addr", addr},
        {"version", "--addr", addr}, {"build", "--addr", addr, "--frontend", "dockerfile.v0", "--local", "context=" + tmp,
            "--local", "dockerfile=" + tmp}}) {
      Cli r = Cli.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(1);
      assertThat(r.err().lines().filter(l -> l.startsWith("ERROR: ")))
          .as(r.err()).singleElement().asString()
          .isEqualTo("ERROR: daemon unavailable: io exception: no socket at that path (is kilnd running?)");
    }
  }

  @Test
  void aDockerfileTheFrontendRejectsIsShownWithItsOffendingLineMarked() throws Exception {
    java.nio.file.Path ctx = java.nio.file.Files.createDirectories(tmp.resolve("ctx"));
    java.nio.file.Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY . /\nRUNN echo\nCMD [\"x\"]\n");
    Cli r = Cli.run("build", ctx.toString(), "--root", tmp.resolve("state").toString(), "--progress", "plain");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("""
        Dockerfile:3
        --------------------
           1 |     FROM scratch
           2 |     COPY . /
           3 | >>> RUNN echo
           4 |     CMD ["x"]
        --------------------
        ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)
        """);
    assertThat(r.err()).as("the definition was loaded: no empty log box for it")
        .contains("#1 DONE").doesNotContain("> [internal] load build definition");
  }

  @Test
  void aFailingStepIsShownInTheDockerfile() throws Exception {
    java.nio.file.Path ctx = BusyboxTree.create(tmp.resolve("ctx"));
    java.nio.file.Files.writeString(ctx.resolve("build.Dockerfile"), "FROM scratch\nCOPY . /\n\nRUN echo about to fail; exit 3\nCMD [\"x\"]\n");
    Cli r = Cli.run("build", ctx.toString(), "-f", ctx.resolve("build.Dockerfile").toString(),
        "--root", tmp.resolve("state").toString(), "--progress", "plain");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("""
        build.Dockerfile:4
        --------------------
           2 |     COPY . /
           3 |
           4 | >>> RUN echo about to fail; exit 3
           5 |     CMD ["x"]
        --------------------
        ERROR: failed to solve: process "/bin/sh -c echo about to fail; exit 3" did not complete successfully: exit code: 3
        """);
  }

  @Test
  void aFailingWorkdirIsShownAtItsLine() throws Exception {
    java.nio.file.Path ctx = java.nio.file.Files.createDirectories(tmp.resolve("ctx"));
    java.nio.file.Files.writeString(ctx.resolve("app"), "a file, not a directory\n");
    java.nio.file.Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY app /app\n\nWORKDIR /app/sub\nCMD [\"x\"]\n");
    Cli r = Cli.run("build", ctx.toString(), "--root", tmp.resolve("state").toString(), "--progress", "plain");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("""
        Dockerfile:4
        --------------------
           2 |     COPY app /app
           3 |
           4 | >>> WORKDIR /app/sub
           5 |     CMD ["x"]
        --------------------
        ERROR: failed to solve: mkdir /app/sub: not a directory""");
  }

  @Test
  void aFilterTheDaemonRefusesIsAUsageError() throws Exception {
    Cli r = Cli.run("du", "--root", tmp.resolve("state").toString(), "--filter", "colour==red");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: ").contains("unknown field 'colour'");
  }
}
