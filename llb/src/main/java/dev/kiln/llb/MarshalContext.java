package dev.kiln.llb;

import dev.kiln.proto.pb.Input;
import java.util.IdentityHashMap;
import java.util.Map;

/** One marshalling pass: options plus the marshalled form of each vertex, computed once. */
public final class MarshalContext {
  private final MarshalOptions options;
  private final Map<Vertex, MarshaledOp> done = new IdentityHashMap<>();

  MarshalContext(MarshalOptions options) {
    this.options = options;
  }

  public MarshalOptions options() {
    return options;
  }

  MarshaledOp marshal(Vertex vertex) {
    MarshaledOp m = done.get(vertex);
    if (m == null) {
      m = vertex.marshal(this);
      done.put(vertex, m);
    }
    return m;
  }

  /** The wire input naming {@code output}, marshalling its vertex if needed. */
  Input input(Output output) {
    MarshaledOp m = marshal(output.vertex());
    return Input.newBuilder()
        .setDigest(m.digest().value())
        .setIndex(output.vertex().outputIndex(output.slot()))
        .build();
  }

  /** Whether the target engine is known to support {@code cap}; false when caps are unknown. */
  boolean capsKnown() {
    return options.caps() != null;
  }

  boolean supports(String cap) {
    return options.caps() != null && options.caps().contains(cap);
  }
}
