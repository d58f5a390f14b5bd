package dev.kiln.solver;

import dev.kiln.solver.progress.VertexRef;

/**
 * A vertex failed (its op, its cache map, a content digest, or loading its cached result). Carries the
 * vertex and the original cause; every job that needed the vertex gets it (BuildKit {@code VertexError}).
 */
public final class VertexFailedException extends SolveException {
  private final VertexRef vertex;

  public VertexFailedException(VertexRef vertex, Throwable cause) {
    super("vertex " + vertex + " failed: " + cause.getMessage(), cause);
    this.vertex = vertex;
  }

  public VertexRef vertex() {
    return vertex;
  }
}
