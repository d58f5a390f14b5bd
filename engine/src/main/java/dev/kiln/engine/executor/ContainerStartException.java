package dev.kiln.engine.executor;

/**
 * The OCI runtime failed to create or start the container (bad mount, executable not found…).
 * {@link #runtimeError()} is the runtime's own error text, e.g. {@code unable to start container
 * process: exec: "nope": executable file not found in $PATH}.
 */
public final class ContainerStartException extends ExecException {
  private final String runtimeError;

  public ContainerStartException(String runtimeError) {
    super(runtimeError, null);
    this.runtimeError = runtimeError;
  }

  public String runtimeError() {
    return runtimeError;
  }
}
