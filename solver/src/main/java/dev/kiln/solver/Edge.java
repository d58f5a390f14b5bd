package dev.kiln.solver;

import java.util.Objects;

/** Output {@code index} of {@code vertex}: what an input or a solve target points at. */
public record Edge(Vertex vertex, int index) {
  public Edge {
    Objects.requireNonNull(vertex, "vertex");
    if (index < 0 || index >= vertex.outputs()) {
      throw new IllegalArgumentException("vertex " + vertex + " has no output " + index);
    }
  }
}
