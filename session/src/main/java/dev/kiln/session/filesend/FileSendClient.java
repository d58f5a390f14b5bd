package dev.kiln.session.filesend;

import com.google.protobuf.UnsafeByteOperations;
import dev.kiln.proto.session.filesync.BytesMessage;
import dev.kiln.session.MessageStream;
import dev.kiln.session.RawMethod;
import dev.kiln.session.fsutil.DiffCopySender;
import dev.kiln.session.fsutil.PacketChannel;
import dev.kiln.session.fsutil.PathFilter;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** The daemon's side of FileSend: delivers an exporter's output to the client. */
public final class FileSendClient {
  public static final String DIFF_COPY = "/moby.filesync.v1.FileSend/DiffCopy";
  /**
   * Tarball chunk size. BuildKit sends about 4 KiB; any size under the receiver's message limit
   * (gRPC's default is 4 MiB) is valid. Each send may wait for flow control, so a 700 MB tarball in
   * 32 KiB chunks spent most of its time waiting (34 s at load 12); 1 MiB chunks wait 32 times less.
   */
  static final int CHUNK = 1 << 20;

  private FileSendClient() {}

  /** Sends the tree under {@code root} (owners as they are) for the client to merge into its directory. */
  public static void sendDir(Channel channel, Path root) throws IOException {
    MessageStream<byte[], byte[]> stream = open(channel);
    try {
      DiffCopySender.send(root, PathFilter.ALL, false, PacketChannel.ofBytes(stream));
    } catch (IOException | RuntimeException e) {
      stream.fail(Status.CANCELLED.withDescription(e.getMessage()));
      throw e;
    }
    finish(stream);
  }

  /** A stream whose bytes become the client's output file; closing it waits for the client to finish. */
  public static OutputStream openFile(Channel channel) {
    MessageStream<byte[], byte[]> stream = open(channel);
    return new OutputStream() {
      private final byte[] buffer = new byte[CHUNK];
      private int used;

      @Override
      public void write(int b) {
        buffer[used++] = (byte) b;
        if (used == CHUNK) flushChunk();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        while (len > 0) {
          int n = Math.min(len, CHUNK - used);
          System.arraycopy(b, off, buffer, used, n);
          used += n;
          off += n;
          len -= n;
          if (used == CHUNK) flushChunk();
        }
      }

      private void flushChunk() {
        if (used > 0) {
          // Serialised before the buffer is written again: wrapping spares a copy of every chunk.
          stream.send(BytesMessage.newBuilder().setData(UnsafeByteOperations.unsafeWrap(buffer, 0, used)).build().toByteArray());
          used = 0;
        }
      }

      @Override
      public void close() throws IOException {
        flushChunk();
        finish(stream);
      }
    };
  }

  private static MessageStream<byte[], byte[]> open(Channel channel) {
    MessageStream<byte[], byte[]> stream = new MessageStream<>();
    stream.attach(ClientCalls.asyncBidiStreamingCall(channel.newCall(RawMethod.FILE_SEND, CallOptions.DEFAULT), stream.inbound()));
    return stream;
  }

  /** Half-closes and waits for the client to end the call, so the output is complete when this returns. */
  private static void finish(MessageStream<byte[], byte[]> stream) throws IOException {
    stream.complete();
    while (stream.receive() != null) {
      // the client sends nothing more of interest
    }
  }
}
