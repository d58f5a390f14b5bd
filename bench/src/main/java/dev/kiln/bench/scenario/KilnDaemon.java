package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kiln build --addr unix://…} against one long-lived {@code kilnd}. A build's CPU time is
 * the client's plus what the daemon (and its containers) used meanwhile; its RSS is the larger of
 * the client's peak and the daemon's resident size after the build.
 */
final class KilnDaemon implements Builder {
  private final Path kiln;
  private final Path kilnd;
  private final Path root;
  private final Path socket;
  private final Path log;
  private Process daemon;

  KilnDaemon(Path kiln, Path kilnd, Path root, Path log) {
    this.kiln = kiln;
    this.kilnd = kilnd;
    this.root = root;
    this.socket = root.resolveSibling(root.getFileName() + ".sock");
    this.log = log;
  }

  @Override
  public String name() {
    return "kilnd";
  }

  String address() {
    return "unix://" + socket;
  }

  void start() throws IOException, InterruptedException {
    if (daemon != null) return;
    Files.deleteIfExists(socket);
    daemon = new ProcessBuilder(kilnd.toString(), "--addr", address(), "--root", root.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + 120_000_000_000L; // the launcher may compile first
    while (!Files.exists(socket)) {
      if (!daemon.isAlive()) throw new IOException("kilnd exited at start:\n" + TimedCommand.tail(log));
      if (System.nanoTime() > deadline) throw new IOException("kilnd did not listen on " + socket);
      Thread.sleep(20);
    }
  }

  void stop() throws InterruptedException {
    if (daemon == null) return;
    daemon.destroy();
    if (!daemon.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) daemon.destroyForcibly().waitFor();
    daemon = null;
  }

  @Override
  public void reset() throws IOException, InterruptedException {
    stop();
    Trees.delete(root);
    start();
  }

  @Override
  public Measured build(Path context, Path out) throws IOException, InterruptedException {
    start();
    double cpuBefore = ProcStat.cpuSeconds(daemon.pid());
    Measured client = TimedCommand.run(
        KilnEmbedded.command(kiln, List.of("--addr", address()), context, out), log);
    double daemonCpu = ProcStat.cpuSeconds(daemon.pid()) - cpuBefore;
    return new Measured(client.wallSeconds(), client.cpuSeconds() + daemonCpu,
        Math.max(client.peakRssKib(), ProcStat.rssKib(daemon.pid())));
  }

  long rssKib() throws IOException {
    return ProcStat.rssKib(daemon.pid());
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
