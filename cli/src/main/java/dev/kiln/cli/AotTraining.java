package dev.kiln.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run the {@code kiln} launcher records into JDK 25's AOT cache ({@code
 * -XX:AOTCacheOutput}) after each build: the commands users run most — {@code --version}, help,
 * and a small embedded build, twice so the cached path is seen too — so their classes load
 * pre-parsed and pre-linked on later starts. Writes only under a temporary directory.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    Path tmp = Files.createTempDirectory("kiln-aot-training");
    try {
      Main.run(new ByteArrayInputStream(new byte[0]), sink, sink, "--version");
      Main.run(new ByteArrayInputStream(new byte[0]), sink, sink, "build", "--help");
      Path ctx = Files.createDirectories(tmp.resolve("ctx"));
      Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
      Files.writeString(ctx.resolve("hello.txt"), "hello\n");
      for (int i = 0; i < 2; i++) {
        Main.run(new ByteArrayInputStream(new byte[0]), sink, sink, "build", ctx.toString(), "--root",
            tmp.resolve("state").toString(), "--config", Files.writeString(tmp.resolve("kilnd.toml"), "").toString(),
            "--progress", "plain", "-o", "type=local,dest=" + tmp.resolve("out" + i));
      }
    } finally {
      try (var walk = Files.walk(tmp)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
