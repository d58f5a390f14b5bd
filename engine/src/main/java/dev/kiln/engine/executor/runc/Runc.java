package dev.kiln.engine.executor.runc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runc command line, one method per subcommand used. All commands share {@code --root}, so
 * Kiln's containers live apart from any other runc user's on the host.
 */
final class Runc {
  private static final File DEV_NULL = new File("/dev/null");

  private final Path binary;
  private final Path root;

  Runc(Path binary, Path root) {
    this.binary = binary;
    this.root = root;
  }

  /** The output of a finished short command. */
  record Outcome(int exitCode, String output) {}

  /**
   * Starts {@code runc run} in the foreground: its exit status is the container's. runc writes the
   * pid file only once the container process started, and its own errors to the JSON log.
   */
  Process startRun(String id, Path bundle, Path pidFile, Path logFile) throws IOException {
    List<String> cmd = base("--log", logFile.toString(), "--log-format", "json");
    cmd.addAll(
        List.of("run", "--bundle", bundle.toString(), "--pid-file", pidFile.toString(), id));
    return new ProcessBuilder(cmd).redirectInput(DEV_NULL).start();
  }

  /** {@code runc kill <id> KILL}: kills the init process, and with it its pid namespace. */
  Outcome kill(String id) throws IOException {
    return call("kill", id, "KILL");
  }

  /** {@code runc delete --force <id>}: kills what is left and removes state and cgroup. */
  Outcome deleteForce(String id) throws IOException {
    return call("delete", "--force", id);
  }

  /** Ids of all containers under our root, running or not. */
  List<String> list() throws IOException {
    Outcome o = call("list", "--quiet");
    if (o.exitCode() != 0) {
      throw new IOException("runc list failed: " + o.output().strip());
    }
    return o.output().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Whether runc still has state for {@code id} (it removes it itself when {@code run} ends). */
  boolean hasState(String id) {
    return Files.exists(root.resolve(id));
  }

  /**
   * Runs a short command to its end even if interrupted (the interrupt is kept for the caller):
   * abandoning a half-done kill or delete would leave containers behind.
   */
  private Outcome call(String... args) throws IOException {
    Process p =
        new ProcessBuilder(base(args)).redirectInput(DEV_NULL).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean interrupted = false;
    while (true) {
      try {
        int exitCode = p.waitFor();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return new Outcome(exitCode, out);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  private List<String> base(String... args) {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
