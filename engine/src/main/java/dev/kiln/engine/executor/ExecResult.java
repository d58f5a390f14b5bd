package dev.kiln.engine.executor;

import java.time.Duration;

/**
 * How a process ended. {@code exitCode} is the process's exit status, or 128 + signal number when
 * a signal killed it (as a shell reports it).
 */
public record ExecResult(int exitCode, Duration elapsed) {
  public boolean succeeded() {
    return exitCode == 0;
  }
}
