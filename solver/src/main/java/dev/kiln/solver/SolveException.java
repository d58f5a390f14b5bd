package dev.kiln.solver;

/**
 * Why a solve failed. Sealed: a vertex failed ({@link VertexFailedException}), or the job was cancelled
 * ({@link SolveCancelledException}).
 */
public abstract sealed class SolveException extends RuntimeException
    permits VertexFailedException, SolveCancelledException {
  SolveException(String message, Throwable cause) {
    super(message, cause);
  }
}
