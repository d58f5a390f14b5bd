package dev.kiln.solver.progress;

import java.util.Objects;

/**
 * Names a vertex in progress events and errors: its digest (the id clients key their display on), its
 * human-readable name and its progress group ({@code ""} when none).
 */
public record VertexRef(String digest, String name, String progressGroup) {
  public VertexRef {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(progressGroup, "progressGroup");
  }

  @Override
  public String toString() {
    return name.isEmpty() ? digest : name + " (" + digest + ")";
  }
}
