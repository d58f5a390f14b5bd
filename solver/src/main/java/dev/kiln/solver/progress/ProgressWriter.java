package dev.kiln.solver.progress;

import java.time.Instant;

/**
 * What an op uses to report progress of the vertex it runs. Thread-safe. Events reach every job that waits
 * on the execution.
 */
public interface ProgressWriter {
  /** Reports a counter (e.g. bytes of one blob); call again with the same {@code id} to update it. */
  void status(String id, String name, long current, long total, Instant started, Instant completed);

  /** Appends output on stream 1 (stdout) or 2 (stderr). The bytes are copied. */
  void log(int stream, byte[] data);

  /** A writer that drops everything, for work no one watches. */
  static ProgressWriter discarding() {
    return new ProgressWriter() {
      @Override
      public void status(String id, String name, long current, long total, Instant started, Instant completed) {}

      @Override
      public void log(int stream, byte[] data) {}
    };
  }
}
