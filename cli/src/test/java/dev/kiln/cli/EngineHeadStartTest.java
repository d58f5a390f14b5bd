package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.EngineHeadStart.Target;
import dev.kiln.cli.embedded.EmbeddedDaemon;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine opened ahead of picocli: which arguments get one, and that only the right one is used. */
class EngineHeadStartTest {
  @TempDir Path tmp;

  private static Optional<Target> target(Map<String, String> env, String... args) {
    return EngineHeadStart.targetOf(args, env::get);
  }

  @Test
  void anEmbeddedBuildNamesItsStateDirectoryAndConfig() {
    assertThat(target(Map.of(), "build", ".", "--root", "/s", "--config", "/k.toml"))
        .contains(Target.of("/s", "/k.toml"));
    assertThat(target(Map.of(), "build", "--root=/s", "--config=/k.toml", ".")).contains(Target.of("/s", "/k.toml"));
    assertThat(target(Map.of("KILN_ROOT", "/env"), "build", ".")).contains(Target.of("/env", null));
    assertThat(target(Map.of("KILN_ROOT", "/env"), "build", ".", "--root", "/flag")).contains(Target.of("/flag", null));
    assertThat(target(Map.of(), "build", ".")).contains(new Target(Optional.empty(), Optional.empty()));
  }

  @Test
  void daemonBuildsOtherCommandsAndHelpGetNone() {
    assertThat(target(Map.of(), "build", ".", "--addr", "unix:///run/kiln.sock")).isEmpty();
    assertThat(target(Map.of(), "--addr=unix:///run/kiln.sock", "build", ".")).isEmpty();
    assertThat(target(Map.of("KILN_HOST", "unix:///run/kiln.sock"), "build", ".")).isEmpty();
    assertThat(target(Map.of(), "du", "--root", "/s")).isEmpty();
    assertThat(target(Map.of(), "build", "--help")).isEmpty();
    assertThat(target(Map.of())).isEmpty();
  }

  @Test
  void theEngineGoesToAMatchingConnectionOnlyAndAWrongGuessIsClosed() throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Path state = tmp.resolve("state");
    EngineHeadStart.start(new String[] {"build", ".", "--root", state.toString()}, quiet);
    assertThat(EngineHeadStart.take(Target.of(tmp.resolve("other").toString(), null))).isEmpty();
    // closed: the state directory's lock is free again
    try (EmbeddedDaemon again = EmbeddedDaemon.start(Optional.of(state), Optional.empty(), quiet)) {
      assertThat(again.channel()).isNotNull();
    }

    EngineHeadStart.start(new String[] {"build", ".", "--root", state.toString()}, quiet);
    Optional<EmbeddedDaemon> taken = EngineHeadStart.take(Target.of(state.toString(), null));
    assertThat(taken).isPresent();
    taken.get().close();
    assertThat(EngineHeadStart.take(Target.of(state.toString(), null))).as("handed over once").isEmpty();

    EngineHeadStart.start(new String[] {"build", ".", "--root", state.toString()}, quiet);
    EngineHeadStart.discard();
    try (EmbeddedDaemon again = EmbeddedDaemon.start(Optional.of(state), Optional.empty(), quiet)) {
      assertThat(again.channel()).isNotNull();
    }
  }

  @Test
  void preparingTheInProcessServerAheadChangesNothingTheEngineThenServes() throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    EmbeddedDaemon.prepare();
    EmbeddedDaemon.prepare();
    try (EmbeddedDaemon engine = EmbeddedDaemon.start(Optional.of(tmp.resolve("state")), Optional.empty(), quiet)) {
      var workers = dev.kiln.proto.control.ControlGrpc.newBlockingStub(engine.channel())
          .listWorkers(dev.kiln.proto.control.ListWorkersRequest.getDefaultInstance());
      assertThat(workers.getRecordList()).extracting(r -> r.getID()).containsExactly("kiln");
    }
  }
}
