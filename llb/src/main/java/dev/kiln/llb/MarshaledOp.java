package dev.kiln.llb;

import dev.kiln.proto.pb.OpMetadata;
import java.util.List;

/**
 * A vertex in wire form: the op bytes (whose hash is the digest), its metadata, the vertices
 * behind {@code Op.inputs} in input order, and where the op came from in a source file.
 */
public record MarshaledOp(
    Digest digest, byte[] bytes, OpMetadata metadata, List<Vertex> inputVertices, List<SourceLocation> locations) {

  public MarshaledOp {
    inputVertices = List.copyOf(inputVertices);
    locations = List.copyOf(locations);
  }

  /** Serializes {@code op} deterministically; the digest is the hash of exactly those bytes. */
  static MarshaledOp of(dev.kiln.proto.pb.Op op, Constraints constraints, List<Vertex> inputVertices) {
    byte[] bytes = DeterministicProto.bytes(op);
    return new MarshaledOp(Digest.of(bytes), bytes, constraints.metadata(), inputVertices, constraints.locations());
  }
}
