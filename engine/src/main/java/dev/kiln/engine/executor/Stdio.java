package dev.kiln.engine.executor;

import java.util.Objects;

/** Where a process's output goes; stdin is always empty (BuildKit gives RUN no stdin). */
public record Stdio(OutputSink stdout, OutputSink stderr) {
  public Stdio {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  public static Stdio discard() {
    return new Stdio(OutputSink.discard(), OutputSink.discard());
  }
}
