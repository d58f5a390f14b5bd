package dev.kiln.engine.executor;

/**
 * The container could not be prepared: unknown user, unsafe or unusable paths in the rootfs, I/O
 * errors writing the bundle. Nothing was started.
 */
public final class ExecSetupException extends ExecException {
  public ExecSetupException(String message) {
    super(message, null);
  }

  public ExecSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
