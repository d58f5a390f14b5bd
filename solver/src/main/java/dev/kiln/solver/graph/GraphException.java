package dev.kiln.solver.graph;

/** A definition is not a valid DAG; the message names the offending vertex. */
public final class GraphException extends Exception {
  private final String vertexId;

  public GraphException(String vertexId, String message) {
    super(message);
    this.vertexId = vertexId;
  }

  /** The vertex the problem was found at. */
  public String vertexId() {
    return vertexId;
  }
}
