package dev.kiln.session;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A bidi method whose messages are handled as raw bytes: FileSend declares {@code BytesMessage} but
 * carries fsutil Packets for directory targets (buildkit-wire §3.4), so each side decodes by target.
 */
public final class RawMethod {
  private RawMethod() {}


  public static MethodDescriptor<byte[], byte[]> bidi(String fullName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
        .setFullMethodName(fullName)
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** {@code moby.filesync.v1.FileSend/DiffCopy}. */
  public static final MethodDescriptor<byte[], byte[]> FILE_SEND = bidi("moby.filesync.v1.FileSend/DiffCopy");
}
