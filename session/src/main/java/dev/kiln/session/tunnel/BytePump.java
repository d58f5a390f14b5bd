package dev.kiln.session.tunnel;

import com.google.protobuf.ByteString;
import dev.kiln.proto.control.BytesMessage;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.stub.StreamObserver;

/**
 * Copies what the local HTTP/2 endpoint writes into the outer stream as {@code BytesMessage}s
 * (arbitrary slices, as BuildKit does), and half-closes the outer stream when the connection ends.
 */
final class BytePump extends ChannelInboundHandlerAdapter {
  private final StreamObserver<BytesMessage> out;
  private boolean closed;

  BytePump(StreamObserver<BytesMessage> out) {
    this.out = out;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      synchronized (this) {
        if (!closed) {
          out.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(bytes)).build());
        }
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
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
