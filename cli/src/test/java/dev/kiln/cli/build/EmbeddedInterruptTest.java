package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded {@code kiln build} stopped by a signal in the middle of a RUN step (SIGTERM here: a
 * background test JVM may have SIGINT ignored, and both run the same shutdown hook): the container
 * is stopped, nothing stays mounted, and the user reads that the build was interrupted, not that a
 * daemon is unavailable. Needs root and runc.
 */
class EmbeddedInterruptTest {
  private static final String SLEEP = "6103";

  @TempDir Path tmp;

  @Test
  void aSignalCancelsTheRunningStepAndSaysSo() throws Exception {
    Path context = BusyboxTree.create(tmp.resolve("ctx"));
    Files.createSymbolicLink(context.resolve("bin/sleep"), Path.of("busybox"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY . /\nRUN sleep " + SLEEP + "\n");
    Path state = tmp.resolve("state");
    Path log = tmp.resolve("kiln.log");
    Process kiln = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "build", context.toString(), "--root", state.toString(), "-o", "type=local,dest=" + tmp.resolve("out"),
        "--progress", "plain")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Instant deadline = Instant.now().plusSeconds(60);
      while (!sleeperRunning() && kiln.isAlive() && Instant.now().isBefore(deadline)) Thread.sleep(100);
      assertThat(sleeperRunning()).as("the RUN step started: %s", Files.readString(log)).isTrue();

      kiln.destroy(); // SIGTERM
      assertThat(kiln.waitFor(30, TimeUnit.SECONDS)).as("kiln exits").isTrue();
      String output = Files.readString(log);
      assertThat(sleeperRunning()).as("the container was stopped").isFalse();
      assertThat(output).contains("ERROR: interrupted").doesNotContain("daemon unavailable");
      assertThat(Files.readString(Path.of("/proc/self/mounts"))).as(output).doesNotContain(state.toString());
    } finally {
      kiln.destroyForcibly();
    }
  }

  private static boolean sleeperRunning() throws Exception {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).anyMatch(p -> {
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          return cmdline.equals("sleep\0" + SLEEP + "\0");
        } catch (java.io.IOException gone) {
          return false;
        }
      });
    }
  }
}
