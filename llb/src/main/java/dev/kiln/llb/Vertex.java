package dev.kiln.llb;

/**
 * A node of the build graph before marshalling. Implementations are immutable once marshalled,
 * and cache their marshalled form for a given {@link MarshalContext}.
 */
public sealed interface Vertex
    permits SourceVertex, ExecVertex, FileVertex, MergeVertex, DiffVertex, BuildVertex, DeferredVertex {

  /** Marshals this vertex; inputs are marshalled first through {@code ctx}. */
  MarshaledOp marshal(MarshalContext ctx);

  /** The platform this vertex was explicitly given, or null; states built on it inherit it. */
  Platform explicitPlatform();

  /** The wire output index of an output slot (see {@link Output}). */
  default long outputIndex(int slot) {
    return slot;
  }
}
