package dev.kiln.engine.source.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** {@code git daemon} exporting every repository under a directory on loopback. */
public final class GitDaemon implements AutoCloseable {
  private final Process process;
  private final int port;

  public GitDaemon(Path base) throws IOException, InterruptedException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
        "--port=" + port, "--base-path=" + base, base.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (true) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline) || !process.isAlive()) throw new IOException("git daemon did not start", e);
        Thread.sleep(50);
      }
    }
  }

  /** {@code git://127.0.0.1:<port>/<name>.git} */
  public String url(String name) {
    return "git://127.0.0.1:" + port + "/" + name + ".git";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
