package dev.kiln.engine.executor;

/**
 * Receives a process's output live, one chunk at a time, on an executor-owned thread. Chunks of one
 * stream arrive in order and never concurrently; stdout and stderr may be delivered concurrently.
 */
@FunctionalInterface
public interface OutputSink {
  /** {@code chunk} is a fresh array the sink may keep. */
  void write(byte[] chunk);

  static OutputSink discard() {
    return chunk -> {};
  }
}
