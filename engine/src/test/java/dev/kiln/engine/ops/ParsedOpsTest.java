package dev.kiln.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.Meta;
import dev.kiln.proto.pb.Op;
import org.junit.jupiter.api.Test;

class ParsedOpsTest {
  private static ByteString exec(String arg) {
    return Op.newBuilder().setExec(ExecOp.newBuilder().setMeta(Meta.newBuilder().addArgs(arg))).build().toByteString();
  }

  @Test
  void equalBytesGiveTheSameDigestAndOp() throws Exception {
    ParsedOps ops = new ParsedOps();
    ByteString bytes = exec("true");
    ParsedOps.Parsed first = ops.parse(bytes);
    assertThat(first.digest()).isEqualTo(Digest.of(bytes.toByteArray()));
    assertThat(first.op().getExec().getMeta().getArgs(0)).isEqualTo("true");
    ParsedOps.Parsed again = ops.parse(ByteString.copyFrom(bytes.toByteArray())); // another instance
    assertThat(again).isSameAs(first);
    ParsedOps.Parsed other = ops.parse(exec("false"));
    assertThat(other.digest()).isNotEqualTo(first.digest());
    assertThat(other.op().getExec().getMeta().getArgs(0)).isEqualTo("false");
  }

  @Test
  void largeOpsAreNotKept() throws Exception {
    ParsedOps ops = new ParsedOps();
    ByteString big = exec("x".repeat(ParsedOps.MAX_OP_BYTES));
    assertThat(ops.parse(big).op().getExec().getMeta().getArgs(0)).hasSize(ParsedOps.MAX_OP_BYTES);
    assertThat(ops.size()).isZero();
  }

  @Test
  void atMostMaxOpsAreKept() throws Exception {
    ParsedOps ops = new ParsedOps();
    for (int i = 0; i <= ParsedOps.MAX_OPS; i++) ops.parse(exec("arg" + i));
    assertThat(ops.size()).isBetween(1, ParsedOps.MAX_OPS);
  }

  @Test
  void badBytesAreRefusedWithTheirDigestAndNotKept() {
    ParsedOps ops = new ParsedOps();
    ByteString bad = ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff});
    assertThatThrownBy(() -> ops.parse(bad)).isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("invalid op");
    assertThat(ops.size()).isZero();
  }
}
