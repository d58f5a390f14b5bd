package dev.kiln.solver.progress;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Something that happened to one vertex, modelled on BuildKit's {@code SolveStatus} (vertexes, statuses,
 * logs). A vertex event does not name its vertex: an execution shared by several jobs emits it once and
 * each job stamps it with its own {@link VertexRef} (see {@link ProgressEvent}).
 */
public sealed interface VertexEvent {
  Instant time();

  /** The vertex began to execute. */
  record Started(Instant time) implements VertexEvent {}

  /** The vertex's result came from the cache; it will not execute. */
  record Cached(Instant time) implements VertexEvent {}

  /** The vertex executed successfully. */
  record Completed(Instant started, Instant time) implements VertexEvent {}

  /** The vertex failed; {@code error} is a one-line message for a person. */
  record Errored(Instant time, String error) implements VertexEvent {}

  /**
   * A progress counter inside a vertex (BuildKit {@code VertexStatus}): e.g. bytes of one layer pulled.
   * {@code total} is 0 when unknown; {@code completed} is null while running.
   */
  record Status(Instant time, String id, String name, long current, long total, Instant started,
      Instant completed) implements VertexEvent {}

  /** Output of the vertex on a stream (1 = stdout, 2 = stderr). Owns a private copy of the bytes. */
  record Log(Instant time, int stream, byte[] data) implements VertexEvent {
    public Log {
      Objects.requireNonNull(time, "time");
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    /** Length without copying the bytes. */
    public int size() {
      return data.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Log(Instant t, int s, byte[] d)
          && t.equals(time) && s == stream && Arrays.equals(d, data);
    }

    @Override
    public int hashCode() {
      return Objects.hash(time, stream, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
      return "Log[stream=" + stream + ", " + data.length + " bytes]";
    }
  }
}
