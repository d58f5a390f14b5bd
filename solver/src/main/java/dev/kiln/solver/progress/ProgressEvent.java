package dev.kiln.solver.progress;

import java.util.Objects;

/** One entry of a job's progress stream: what happened ({@code event}) to which vertex. */
public record ProgressEvent(VertexRef vertex, VertexEvent event) {
  public ProgressEvent {
    Objects.requireNonNull(vertex, "vertex");
    Objects.requireNonNull(event, "event");
  }
}
