package dev.kiln.solver;

import dev.kiln.solver.progress.VertexRef;
import java.util.List;
import java.util.Objects;

/**
 * A node of the build graph: an {@link Op} applied to the outputs of other vertices. Immutable; built
 * bottom-up, so a graph of vertices is acyclic by construction. The {@code digest} identifies the vertex
 * (for LLB, the sha256 of the marshalled op) and keys progress and per-job memoisation; cache keys are
 * computed separately from the op's {@link CacheMap}.
 *
 * <p>Equality is identity: comparing two graphs deeply would be slow and pointless, use {@link #digest()}.
 */
public final class Vertex {
  private final String digest;
  private final String name;
  private final Op op;
  private final List<Edge> inputs;
  private final int outputs;
  private final VertexOptions options;

  private Vertex(String digest, String name, Op op, List<Edge> inputs, int outputs, VertexOptions options) {
    this.digest = Objects.requireNonNull(digest, "digest");
    this.name = Objects.requireNonNull(name, "name");
    this.op = Objects.requireNonNull(op, "op");
    this.inputs = List.copyOf(inputs);
    this.outputs = outputs;
    this.options = Objects.requireNonNull(options, "options");
    if (outputs < 1) {
      throw new IllegalArgumentException("vertex " + digest + " must have at least one output");
    }
  }

  /** A vertex with one output and default options. */
  public static Vertex of(String digest, String name, Op op, List<Edge> inputs) {
    return new Vertex(digest, name, op, inputs, 1, VertexOptions.DEFAULT);
  }

  /** A vertex with {@code outputs} outputs (e.g. an exec op with several writable mounts). */
  public static Vertex of(String digest, String name, Op op, List<Edge> inputs, int outputs,
      VertexOptions options) {
    return new Vertex(digest, name, op, inputs, outputs, options);
  }

  public Vertex withOptions(VertexOptions newOptions) {
    return new Vertex(digest, name, op, inputs, outputs, newOptions);
  }

  /** Output 0, the usual input or target. */
  public Edge output() {
    return new Edge(this, 0);
  }

  public Edge output(int index) {
    return new Edge(this, index);
  }

  public String digest() {
    return digest;
  }

  public String name() {
    return name;
  }

  public Op op() {
    return op;
  }

  public List<Edge> inputs() {
    return inputs;
  }

  public int outputs() {
    return outputs;
  }

  public VertexOptions options() {
    return options;
  }

  public VertexRef ref() {
    return new VertexRef(digest, name, options.progressGroup());
  }

  @Override
  public String toString() {
    return ref().toString();
  }
}
