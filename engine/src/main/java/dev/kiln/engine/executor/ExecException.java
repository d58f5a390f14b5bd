package dev.kiln.engine.executor;

/**
 * A process could not be run, or did not run to its end. A process that ran and exited non-zero
 * is not an exception but an {@link ExecResult}.
 */
public abstract sealed class ExecException extends Exception
    permits ExecSetupException, ContainerStartException, ExecCancelledException {
  protected ExecException(String message, Throwable cause) {
    super(message, cause);
  }
}
