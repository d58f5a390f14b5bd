package dev.kiln.llb.dump;

import com.google.protobuf.ByteString;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.SourceOp;

/** Small hand-made definitions for tests that need shapes the goldens do not have. */
final class TestDefinitions {
  private TestDefinitions() {}

  static Op source(String identifier) {
    return Op.newBuilder().setSource(SourceOp.newBuilder().setIdentifier(identifier)).build();
  }

  static Op terminal(Op head) {
    return Op.newBuilder().addInputs(input(head)).build();
  }

  static Input input(Op op) {
    return Input.newBuilder().setDigest(digest(op).value()).build();
  }

  static Digest digest(Op op) {
    return Digest.of(op.toByteArray());
  }

  /** A definition of the given ops, in order, without metadata. */
  static Definition.Builder of(Op... ops) {
    Definition.Builder def = Definition.newBuilder();
    for (Op op : ops) {
      def.addDef(op.toByteString());
    }
    return def;
  }

  static byte[] bytes(Op... ops) {
    return of(ops).build().toByteArray();
  }

  static ByteString raw(String text) {
    return ByteString.copyFromUtf8(text);
  }
}
