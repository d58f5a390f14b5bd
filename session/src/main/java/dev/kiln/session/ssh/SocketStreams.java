package dev.kiln.session.ssh;

import com.google.protobuf.ByteString;
import dev.kiln.proto.session.ssh.BytesMessage;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Copies between one agent connection (a unix socket) and one ForwardAgent stream, on both ends of the session. */
final class SocketStreams {
  private SocketStreams() {}

  /** Messages from the stream, written to {@code socket}; the stream's end half-closes it, an error closes it. */
  static StreamObserver<BytesMessage> writer(SocketChannel socket) {
    return new StreamObserver<>() {
      @Override
      public void onNext(BytesMessage message) {
        try {
          ByteBuffer data = message.getData().asReadOnlyByteBuffer();
          while (data.hasRemaining()) socket.write(data);
        } catch (IOException e) {
          close(socket);
        }
      }

      @Override
      public void onError(Throwable t) {
        close(socket);
      }

      @Override
      public void onCompleted() {
        try {
          socket.shutdownOutput();
        } catch (IOException e) {
          close(socket);
        }
      }
    };
  }

  /** Reads {@code socket} until its end into {@code stream}, then completes the stream and closes the socket. */
  static void pump(SocketChannel socket, StreamObserver<BytesMessage> stream) {
    ByteBuffer buffer = ByteBuffer.allocate(32 << 10);
    try {
      while (socket.read(buffer.clear()) >= 0) {
        stream.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(buffer.flip())).build());
      }
    } catch (IOException | RuntimeException e) {
      // the connection or the stream ended: finish below
    } finally {
      try {
        stream.onCompleted();
      } catch (RuntimeException alreadyClosed) {
        // the other side ended the stream first
      }
      close(socket);
    }
  }

  static void close(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
