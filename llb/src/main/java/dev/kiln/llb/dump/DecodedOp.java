package dev.kiln.llb.dump;

import com.google.protobuf.ByteString;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import java.util.Optional;

/**
 * One {@code Definition.def} entry: its position, its exact bytes, their digest, the decoded op
 * and the definition's metadata for that digest, if any.
 */
public record DecodedOp(
    int index, ByteString bytes, Digest digest, Op op, Optional<OpMetadata> metadata) {}
