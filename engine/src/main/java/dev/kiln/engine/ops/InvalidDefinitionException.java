package dev.kiln.engine.ops;

import dev.kiln.llb.Digest;

/** A definition that cannot be built; the message names the offending vertex. */
public final class InvalidDefinitionException extends Exception {
  private final transient Digest vertex;

  public InvalidDefinitionException(Digest vertex, String message) {
    super(vertex == null ? message : message + " (vertex " + vertex + ")");
    this.vertex = vertex;
  }

  /** The vertex at fault, or null when the definition as a whole is invalid. */
  public Digest vertex() {
    return vertex;
  }
}
