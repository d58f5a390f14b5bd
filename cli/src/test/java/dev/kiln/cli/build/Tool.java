package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

/** Runs an outside tool (skopeo, umoci) that must succeed; returns its stdout. */
final class Tool {
  private Tool() {}

  static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", argv)).isZero();
    return out;
  }
}
