package dev.kiln.engine.ops;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.Op;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ops already parsed, by their bytes: a daemon sees the same ops again with every build of the same
 * Dockerfile (and the frontend's own definition), and each was hashed and parsed anew on every
 * solve. Equal bytes have the same digest and parse to an equal, immutable {@link Op}. Only small
 * ops are kept (a file op can carry a whole file), and at most {@link #MAX_OPS}; beyond that all are
 * forgotten. Thread-safe.
 */
final class ParsedOps {
  static final int MAX_OPS = 1024;
  static final int MAX_OP_BYTES = 4096;

  static final ParsedOps SHARED = new ParsedOps();

  /** An op and the digest of its bytes. */
  record Parsed(Digest digest, Op op) {}

  private final Map<ByteString, Parsed> known = new ConcurrentHashMap<>();

  Parsed parse(ByteString bytes) throws InvalidDefinitionException {
    Parsed hit = known.get(bytes);
    if (hit != null) return hit;
    Digest d = Digest.of(bytes.toByteArray());
    Parsed parsed;
    try {
      parsed = new Parsed(d, Op.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidDefinitionException(d, "invalid op: " + e.getMessage());
    }
    if (bytes.size() <= MAX_OP_BYTES) {
      if (known.size() >= MAX_OPS) known.clear();
      known.put(bytes, parsed);
    }
    return parsed;
  }

  /** Ops now kept; for tests. */
  int size() {
    return known.size();
  }
}
