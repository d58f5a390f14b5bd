package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code kiln --version} is answered before picocli loads, with the text picocli would print. */
class VersionFastPathTest {
  @Test
  void onlyALoneVersionFlagTakesTheShortWay() {
    assertThat(Main.asksOnlyForTheVersion("--version")).isTrue();
    assertThat(Main.asksOnlyForTheVersion("-V")).isTrue();
    assertThat(Main.asksOnlyForTheVersion()).isFalse();
    assertThat(Main.asksOnlyForTheVersion("build", "--version")).isFalse();
    assertThat(Main.asksOnlyForTheVersion("--addr", "unix:///x", "--version")).isFalse();
    assertThat(Main.asksOnlyForTheVersion("version")).isFalse();
  }

  @Test
  void theShortWayPrintsWhatTheCommandLineWould() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Main.run(new ByteArrayInputStream(new byte[0]), print, print, "--version");
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(Main.versionText());
  }
}
