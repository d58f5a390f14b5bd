package dev.kiln.cli;

import dev.kiln.cli.embedded.TrainingDaemon;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run the {@code kiln} launcher records into JDK 25's AOT cache ({@code
 * -XX:AOTCacheOutput}) after each build: the commands users run most — {@code --version}, help,
 * a small multi-stage embedded build, uncached then cached, and the same build through a daemon
 * on a unix socket (kilnd shares this cache, and a client of kilnd loads the Netty transport) — so
 * their classes load pre-parsed and pre-linked on later starts. Writes only under a temporary
 * directory.
 */
public final class AotTraining {
  private AotTraining() {}

  /** A multi-stage build like the examples'; with RUN steps when a static busybox is at hand. */
  private static String dockerfile(Path ctx) throws IOException {
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isExecutable(busybox)) {
      return "FROM scratch AS a\nCOPY hello.txt /\nFROM scratch\nWORKDIR /src\nCOPY --from=a /hello.txt .\nCMD [\"true\"]\n";
    }
    Files.copy(busybox, ctx.resolve("busybox"));
    return """
        FROM scratch AS tools
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        FROM tools AS build
        WORKDIR /src
        COPY hello.txt .
        RUN cat hello.txt > /greeting.txt
        FROM tools
        COPY --from=build /greeting.txt /greeting.txt
        CMD ["cat", "/greeting.txt"]
        """;
  }

  private static void build(Path ctx, String... flags) {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    String[] args = new String[flags.length + 2];
    args[0] = "build";
    args[1] = ctx.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    Main.run(new ByteArrayInputStream(new byte[0]), sink, sink, args);
  }

  /**
   * The build through a daemon on a unix socket, uncached then cached, with an image tarball (the
   * exporters' and the tunnel's classes). Best effort: a failure here must not cost the cache the
   * embedded builds above recorded.
   */
  private static void throughDaemon(Path ctx, Path tmp) {
    Path socket = tmp.resolve("kilnd.sock");
    try (var daemon = TrainingDaemon.serve(tmp.resolve("daemon-state"), socket)) {
      String addr = "unix://" + socket;
      build(ctx, "--addr", addr, "--progress", "plain", "-o", "type=oci,dest=" + tmp.resolve("d1.tar"));
      build(ctx, "--addr", addr, "--progress", "plain", "-o", "type=oci,dest=" + tmp.resolve("d2.tar"));
    } catch (IOException | RuntimeException e) {
      System.err.println("kiln: AOT training through a daemon skipped: " + e);
    }
  }

  public static void main(String[] args) throws IOException {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    Path tmp = Files.createTempDirectory("kiln-aot-training");
    try {
      Main.run(new ByteArrayInputStream(new byte[0]), sink, sink, "--version");
      Main.run(new ByteArrayInputStream(new byte[0]), sink, sink, "build", "--help");
      Path ctx = Files.createDirectories(tmp.resolve("ctx"));
      Files.writeString(ctx.resolve("Dockerfile"), dockerfile(ctx));
      Files.writeString(ctx.resolve("hello.txt"), "hello\n");
      String state = tmp.resolve("state").toString();
      String config = Files.writeString(tmp.resolve("kilnd.toml"), "").toString();
      // First build: every step runs; then the cached path, as a user's repeated build sees it.
      build(ctx, "--root", state, "--config", config, "--progress", "plain", "-o", "type=local,dest=" + tmp.resolve("out"));
      build(ctx, "--root", state, "--config", config, "--progress", "quiet");
      build(ctx, "--root", state, "--config", config, "--progress", "plain", "-o", "type=tar,dest=" + tmp.resolve("out.tar"));
      throughDaemon(ctx, tmp);
    } finally {
      try (var walk = Files.walk(tmp)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
