package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Crash tests' victim JVMs: runs a main class on the test classpath and kills it when it prints a marker. */
final class Victim {
  private Victim() {}

  /** Starts {@code main} with {@code args}, waits for a line starting with {@code marker}, then kills the JVM. */
  static void killWhenItSays(Class<?> main, String marker, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        main.getName()));
    command.addAll(List.of(args));
    Process victim = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null && !line.startsWith(marker)) {
        seen.append(line).append('\n'); // not there yet; kept to explain a victim that ended first
      }
      assertThat(line).as("the victim printed %s; it printed:%n%s", marker, seen).isNotNull();
    } finally {
      victim.destroyForcibly();
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
