package dev.kiln.solver;

/** The job was cancelled (or its thread interrupted) before the result was ready. */
public final class SolveCancelledException extends SolveException {
  public SolveCancelledException(String message) {
    super(message, null);
  }
}
