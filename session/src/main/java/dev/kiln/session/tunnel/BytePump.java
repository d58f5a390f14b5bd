package dev.kiln.session.tunnel;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.kiln.proto.control.BytesMessage;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.stub.StreamObserver;

/**
 * Copies what the local HTTP/2 endpoint writes into the outer stream as {@code BytesMessage}s
 * (arbitrary slices, as BuildKit does), and half-closes the outer stream when the connection ends.
 *
 * <p>What one flush of the endpoint writes goes out as one message of up to {@link #BATCH} bytes:
 * HTTP/2 writes a 9-byte header and at most 16 KiB of data per frame, each its own buffer, and a
 * message per buffer made a 540 MB tarball cross the tunnel as ≈ 66,000 outer messages, each
 * framed, flushed and parsed on both sides.
 */
final class BytePump extends ChannelInboundHandlerAdapter {
  /** Far below any receiver's message limit (BuildKit allows 16 MiB), large enough to amortise a message. */
  static final int BATCH = 1 << 20;

  private final StreamObserver<BytesMessage> out;
  private byte[] batch = new byte[BATCH];
  private int used;
  private boolean closed;

  BytePump(StreamObserver<BytesMessage> out) {
    this.out = out;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      while (buf.isReadable()) {
        int n = Math.min(buf.readableBytes(), BATCH - used);
        buf.readBytes(batch, used, n);
        used += n;
        if (used == BATCH) send();
      }
    } finally {
      buf.release();
    }
  }

  /** The end of what the endpoint flushed for now: nothing more may come until the peer answers. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    send();
  }

  private void send() {
    if (used == 0) return;
    ByteString data;
    if (used >= BATCH / 2) {
      // A full batch is handed over as it is and never written again: the next gets its own array.
      data = UnsafeByteOperations.unsafeWrap(batch, 0, used);
      batch = new byte[BATCH];
    } else {
      data = ByteString.copyFrom(batch, 0, used); // small: cheaper to copy than a new 1 MiB array
    }
    used = 0;
    BytesMessage message = BytesMessage.newBuilder().setData(data).build();
    synchronized (this) {
      if (!closed) out.onNext(message);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    send();
    finish();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  synchronized void finish() {
    if (!closed) {
      closed = true;
      try {
        out.onCompleted();
      } catch (IllegalStateException alreadyClosed) {
        // the outer call ended first; nothing left to tell it
      }
    }
  }
}
