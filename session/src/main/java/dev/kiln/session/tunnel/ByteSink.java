package dev.kiln.session.tunnel;

import com.google.protobuf.ByteString;
import dev.kiln.proto.control.BytesMessage;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * The outer stream's incoming bytes, written into the local HTTP/2 connection. Bytes that arrive
 * before that connection exists (the peer's SETTINGS usually do) are held until {@link #connect}.
 */
final class ByteSink implements StreamObserver<BytesMessage> {
  private final List<ByteString> pending = new ArrayList<>();
  private final Runnable onEnd;
  private Channel channel;
  private boolean ended;

  /** @param onEnd runs once when the outer stream ends, either way */
  ByteSink(Runnable onEnd) {
    this.onEnd = onEnd;
  }

  synchronized void connect(Channel ch) {
    channel = ch;
    pending.forEach(this::write);
    pending.clear();
    if (ended) {
      ch.close();
    }
  }

  @Override
  public synchronized void onNext(BytesMessage message) {
    if (channel == null) {
      pending.add(message.getData());
    } else {
      write(message.getData());
    }
  }

  private void write(ByteString data) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(data.asReadOnlyByteBuffer())); // the message's bytes, not a copy
  }

  @Override
  public void onError(Throwable t) {
    end();
  }

  @Override
  public void onCompleted() {
    end();
  }

  private void end() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      if (channel != null) {
        channel.close();
      }
    }
    onEnd.run();
  }
}
