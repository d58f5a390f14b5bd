package dev.kiln.llb;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serializes protobuf messages the way BuildKit does: fields by number, map entries sorted by key.
 * Plain {@code toByteArray()} does not sort maps, so digests would drift.
 */
public final class DeterministicProto {
  private DeterministicProto() {}

  public static byte[] bytes(MessageLite message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    stream.useDeterministicSerialization();
    try {
      message.writeTo(stream);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a byte array cannot fail", e);
    }
    stream.checkNoSpaceLeft();
    return out;
  }
}
