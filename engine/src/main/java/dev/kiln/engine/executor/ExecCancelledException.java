package dev.kiln.engine.executor;

/** The run was cancelled through its {@link CancelHandle}; the container was killed and removed. */
public final class ExecCancelledException extends ExecException {
  public ExecCancelledException(String message) {
    super(message, null);
  }
}
