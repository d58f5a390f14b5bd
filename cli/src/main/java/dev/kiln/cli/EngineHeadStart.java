package dev.kiln.cli;

import dev.kiln.cli.embedded.EmbeddedDaemon;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * Opens the in-process engine of an embedded {@code kiln build} on a second thread while picocli
 * builds its command model (0.1 s of reflection in a fresh JVM) — the engine's opening (lock,
 * sweeps, database) is most of what precedes a build. The state directory and kilnd.toml are read
 * from the arguments ahead of picocli; {@link DaemonConnection} takes the engine only if picocli's
 * parse names the same ones, else it is closed and the right one opened, so a wrong guess costs
 * time, never correctness. One per process, started by {@link Main#main}.
 */
final class EngineHeadStart {
  /** Where an embedded engine keeps its state, and its kilnd.toml (empty: the defaults). */
  record Target(Optional<Path> root, Optional<Path> config) {
    static Target of(String root, String config) {
      return new Target(Optional.ofNullable(root).filter(r -> !r.isEmpty()).map(Path::of), Optional.ofNullable(config).map(Path::of));
    }
  }

  private static EngineHeadStart current;

  private final Target target;
  private final FutureTask<EmbeddedDaemon> opening;

  private EngineHeadStart(Target target, FutureTask<EmbeddedDaemon> opening) {
    this.target = target;
    this.opening = opening;
  }

  /**
   * The engine {@code args} will build with, if they ask for an embedded build: {@code build} with
   * neither {@code --addr} nor {@code KILN_HOST}, and not for help.
   *
   * @param env the environment ({@code KILN_HOST}, {@code KILN_ROOT})
   */
  static Optional<Target> targetOf(String[] args, UnaryOperator<String> env) {
    if (!KilnCommand.subcommandOf(args).equals(Optional.of("build"))) return Optional.empty();
    String host = env.apply("KILN_HOST");
    if (host != null && !host.isEmpty()) return Optional.empty();
    String root = null;
    String config = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--addr") || a.startsWith("--addr=") || a.equals("-h") || a.equals("--help")) return Optional.empty();
      if (a.equals("--")) break;
      String next = i + 1 < args.length ? args[i + 1] : null;
      if (a.equals("--root")) root = next;
      if (a.startsWith("--root=")) root = a.substring("--root=".length());
      if (a.equals("--config")) config = next;
      if (a.startsWith("--config=")) config = a.substring("--config=".length());
    }
    return Optional.of(Target.of(root != null ? root : env.apply("KILN_ROOT"), config));
  }

  /** Starts opening the engine {@code args} will build with, if they ask for an embedded build. */
  static synchronized void start(String[] args, PrintStream err) {
    targetOf(args, System::getenv).ifPresent(target -> {
      FutureTask<EmbeddedDaemon> opening = new FutureTask<>(() -> EmbeddedDaemon.start(target.root(), target.config(), err));
      Thread.ofPlatform().name("kiln-engine-head-start").start(opening);
      current = new EngineHeadStart(target, opening);
    });
  }

  /**
   * The engine opened ahead for {@code target}, once open; empty when none was started, it was
   * opened for another target (then closed), or its opening failed (the caller opens it again and
   * reports the failure). Hands the engine over at most once.
   */
  static Optional<EmbeddedDaemon> take(Target target) {
    EngineHeadStart started;
    synchronized (EngineHeadStart.class) {
      started = current;
      current = null;
    }
    if (started == null) return Optional.empty();
    if (!started.opening.isDone()) {
      // The engine is still opening: this thread would only wait, so it does the in-process
      // server's first-use work meanwhile, which would otherwise follow the opening.
      EmbeddedDaemon.prepare();
    }
    Optional<EmbeddedDaemon> engine = started.await();
    if (engine.isPresent() && !started.target.equals(target)) {
      closeQuietly(engine.get());
      return Optional.empty();
    }
    return engine;
  }

  /** Closes an engine opened ahead that no command took (a usage error, say). */
  static void discard() {
    EngineHeadStart started;
    synchronized (EngineHeadStart.class) {
      started = current;
      current = null;
    }
    if (started != null) started.await().ifPresent(EngineHeadStart::closeQuietly);
  }

  private Optional<EmbeddedDaemon> await() {
    try {
      return Optional.of(opening.get());
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void closeQuietly(EmbeddedDaemon engine) {
    try {
      engine.close();
    } catch (IOException e) {
      System.err.println("kiln: closing the engine: " + e.getMessage());
    }
  }
}
