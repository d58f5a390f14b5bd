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
}
