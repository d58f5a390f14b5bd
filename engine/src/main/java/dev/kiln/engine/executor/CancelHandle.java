package dev.kiln.engine.executor;

/**
 * Cancels one run from another thread, for callers that do not want to interrupt the running
 * thread themselves. Thread-safe; cancelling twice, or before or after the run, is harmless.
 */
public final class CancelHandle {
  private final Object lock = new Object();
  private boolean cancelled; // guarded by lock
  private Runnable action; // guarded by lock

  /** Requests cancellation; the run kills the container, cleans up and fails. */
  public void cancel() {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      if (action != null) {
        action.run(); // under the lock, so it never fires after its registration closed
      }
    }
  }

  public boolean isCancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /**
   * Executor side: runs {@code onCancel} now if already cancelled, else when cancelled, until the
   * returned registration is closed. {@code onCancel} must be quick and must not block.
   */
  public Registration register(Runnable onCancel) {
    synchronized (lock) {
      if (action != null) {
        throw new IllegalStateException("a cancel handle serves one run at a time");
      }
      action = onCancel;
      if (cancelled) {
        onCancel.run();
      }
    }
    return () -> {
      synchronized (lock) {
        action = null;
      }
    };
  }

  /** An {@link AutoCloseable} that does not throw. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
