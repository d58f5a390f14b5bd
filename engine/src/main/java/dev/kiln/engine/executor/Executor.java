package dev.kiln.engine.executor;

/**
 * Runs one process in a fresh container and waits for it. Implementations are thread-safe: many
 * runs may proceed concurrently, each on its own (virtual) thread.
 *
 * <p>Cancellation: interrupting the calling thread, or {@link CancelHandle#cancel()} on the
 * request's handle, kills the container and all its processes; {@code run} then cleans up and
 * throws {@link InterruptedException} (interrupt) or {@link ExecCancelledException} (handle).
 */
public interface Executor {
  /**
   * Runs {@code request} to completion. A process that exits non-zero is a normal result ({@link
   * ExecResult#exitCode()}); an exception means the process could not be run at all.
   */
  ExecResult run(ExecRequest request) throws ExecException, InterruptedException;
}
