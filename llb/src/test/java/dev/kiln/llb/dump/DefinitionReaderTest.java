package dev.kiln.llb.dump;

import static dev.kiln.llb.dump.TestDefinitions.bytes;
import static dev.kiln.llb.dump.TestDefinitions.digest;
import static dev.kiln.llb.dump.TestDefinitions.source;
import static dev.kiln.llb.dump.TestDefinitions.terminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DefinitionReaderTest {
  private final Op image = source("docker-image://docker.io/library/busybox:latest");

  @Test
  void readsOpsInDefOrderWithDigestsAndMetadata() throws DefinitionException {
    Op end = terminal(image);
    OpMetadata meta = OpMetadata.newBuilder().putCaps("source.image", true).build();
    byte[] bytes =
        TestDefinitions.of(image, end).putMetadata(digest(image).value(), meta).build().toByteArray();

    DecodedDefinition def = DefinitionReader.read(bytes);

    assertThat(def.ops()).extracting(DecodedOp::index).containsExactly(0, 1);
    assertThat(def.ops()).extracting(DecodedOp::digest).containsExactly(digest(image), digest(end));
    assertThat(def.ops().get(0).metadata()).contains(meta);
    assertThat(def.ops().get(1).metadata()).isEmpty();
    assertThat(def.ops().get(1).op()).isEqualTo(end);
    assertThat(def.bytes()).isEqualTo(bytes);
  }

  @Test
  void digestIsOverTheStoredBytesNotAReEncoding() throws DefinitionException {
    // Same op, but with an unknown field appended: a re-encoding would differ from these bytes.
    byte[] withUnknown = concat(image.toByteArray(), new byte[] {(byte) 0xF8, 0x07, 0x01});
    byte[] bytes = Definition.newBuilder().addDef(ByteString.copyFrom(withUnknown)).build().toByteArray();

    DecodedOp op = DefinitionReader.read(bytes).ops().getFirst();

    assertThat(op.digest()).isEqualTo(dev.kiln.llb.Digest.of(withUnknown)).isNotEqualTo(digest(image));
    assertThat(op.bytes().toByteArray()).isEqualTo(withUnknown);
  }

  @Test
  void rejectsBytesThatAreNotProtobuf() {
    byte[] garbage = "\u00ff\u00ff\u00ff\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> DefinitionReader.read(garbage))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("not an LLB definition: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void rejectsTruncatedDefinition() {
    byte[] whole = bytes(image, terminal(image));

    assertThatThrownBy(() -> DefinitionReader.read(Arrays.copyOf(whole, whole.length - 5)))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("not an LLB definition: ")
        .hasMessageContaining("truncated");
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> DefinitionReader.read(new byte[0]))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("not an LLB definition: it contains no ops");
  }

  @Test
  void rejectsEntryThatIsNotAnOp() {
    byte[] notAnOp = {0x0A, 0x05, 0x01}; // field 1, length 5, but only one byte follows
    byte[] bytes = Definition.newBuilder().addDef(ByteString.copyFrom(notAnOp)).build().toByteArray();

    assertThatThrownBy(() -> DefinitionReader.read(bytes))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("op 0 (" + dev.kiln.llb.Digest.of(notAnOp) + ") is not an LLB op: ");
  }

  @Test
  void rejectsInputThatNamesNoEarlierOp() {
    String dangling = "sha256:" + "0".repeat(64);
    Op exec = Op.newBuilder().addInputs(Input.newBuilder().setDigest(dangling)).build();

    assertThatThrownBy(() -> DefinitionReader.read(bytes(image, exec)))
        .isInstanceOf(DefinitionException.class)
        .hasMessage("op 1 (%s) input 0 refers to unknown digest %s", digest(exec), dangling);
  }

  @Test
  void rejectsInputThatNamesALaterOp() {
    Op end = terminal(image);

    assertThatThrownBy(() -> DefinitionReader.read(bytes(end, image)))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "op 0 (%s) input 0 refers to unknown digest %s", digest(end), digest(image));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
