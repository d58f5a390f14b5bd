package dev.kiln.cli;

import dev.kiln.cli.embedded.TrainingDaemon;
import dev.kiln.cli.embedded.TrainingRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run the {@code kiln} launcher records into JDK 25's AOT cache ({@code
 * -XX:AOTCacheOutput}) after each build: the commands users run most — {@code --version}, help,
 * a small multi-stage embedded build, uncached then cached, a build {@code FROM} an image in a
 * registry on loopback ({@link TrainingRegistry}: parallel stages, {@code COPY --from}, an OCI
 * tarball with gzip layers, as most real builds look), and that build through a daemon on a unix
 * socket (kilnd shares this cache, and a client of kilnd loads the Netty transport) — so their
 * classes load pre-parsed and pre-linked on later starts. Writes only under a temporary directory.
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

  /** Busybox's applets the registry build's RUN steps call. */
  private static final java.util.List<String> APPLETS = java.util.List.of("sh", "cat", "echo", "test", "sha256sum");

  /** The base image's files: busybox and its shell applets, else one file (a build without RUN steps). */
  private static Path baseRootfs(Path tmp) throws IOException {
    Path rootfs = Files.createDirectories(tmp.resolve("base-rootfs"));
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isExecutable(busybox)) {
      Files.writeString(Files.createDirectories(rootfs.resolve("etc")).resolve("base.txt"), "base\n");
      return rootfs;
    }
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(busybox, bin.resolve("busybox"));
    for (String applet : APPLETS) Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    return rootfs;
  }

  /**
   * Like the scenario benchmarks' builds: a registry base, stages that run in parallel, {@code COPY
   * --from}; without busybox, {@code COPY} steps stand in for the {@code RUN} steps.
   */
  static String registryDockerfile(String image, boolean run) {
    return """
        FROM %1$s AS build
        WORKDIR /src
        COPY hello.txt ./
        %2$s
        ENV STAGE=final
        FROM %1$s AS a
        %3$s
        FROM %1$s AS b
        %4$s
        FROM %1$s
        ENV APP=/app
        COPY --from=build /src/hello.txt /app/
        COPY --from=a /a /a
        COPY --from=b /b /b
        %5$s
        """.formatted(image,
        run ? "RUN cat hello.txt > /greeting.txt && sha256sum hello.txt > /sums.txt" : "COPY hello.txt /greeting.txt",
        run ? "RUN echo a > /a" : "COPY hello.txt /a",
        run ? "RUN echo b > /b" : "COPY hello.txt /b",
        run ? "RUN test -s /app/hello.txt" : "");
  }

  /**
   * Builds {@link #registryDockerfile} from a {@link TrainingRegistry} embedded, uncached then
   * cached, and through a daemon. Returns the embedded builds' exit codes.
   */
  static int[] registryBuilds(Path tmp, String config) throws IOException {
    boolean run = Files.isExecutable(Path.of("/bin/busybox"));
    try (TrainingRegistry registry = TrainingRegistry.serve(baseRootfs(tmp))) {
      Path ctx = Files.createDirectories(tmp.resolve("registry-ctx"));
      Files.writeString(ctx.resolve("Dockerfile"), registryDockerfile(registry.image(), run));
      Files.writeString(ctx.resolve("hello.txt"), "hello\n");
      String state = tmp.resolve("registry-state").toString();
      int[] codes = new int[2];
      for (int i = 0; i < codes.length; i++) { // uncached, then cached
        codes[i] = build(ctx, "--root", state, "--config", config, "--progress", "plain",
            "-o", "type=oci,dest=" + tmp.resolve("img" + i + ".tar") + ",compression=gzip");
      }
      throughDaemon(ctx, tmp);
      return codes;
    }
  }

  private static int build(Path ctx, String... flags) {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    String[] args = new String[flags.length + 2];
    args[0] = "build";
    args[1] = ctx.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    return Main.run(new ByteArrayInputStream(new byte[0]), sink, sink, args);
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
      registryBuilds(tmp, config);
    } finally {
      try (var walk = Files.walk(tmp)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
