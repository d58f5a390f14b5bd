package dev.kiln.engine.ops;

import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import java.util.List;

/**
 * One op of a loaded definition, with its inputs resolved to other vertices. The digest is the
 * hash of the op's original bytes, never of a re-encoding.
 */
public record LlbVertex(Digest digest, Op op, OpMetadata metadata, List<LlbInput> inputs, String name) {
  public LlbVertex {
    inputs = List.copyOf(inputs);
  }

  /** Output {@code index} of vertex {@code vertex}. */
  public record LlbInput(LlbVertex vertex, long index) {}
}
