package dev.kiln.session.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.kiln.proto.control.BytesMessage;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytePumpTest {
  private final List<ByteString> sent = new ArrayList<>();
  private boolean completed;
  private final StreamObserver<BytesMessage> outer = new StreamObserver<>() {
    @Override
    public void onNext(BytesMessage value) {
      sent.add(value.getData());
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {
      completed = true;
    }
  };

  @Test
  void whatOneFlushWritesTravelsAsOneMessage() {
    EmbeddedChannel channel = new EmbeddedChannel(new BytePump(outer));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2}), Unpooled.wrappedBuffer(new byte[] {3}),
        Unpooled.wrappedBuffer(new byte[] {4, 5, 6}));
    assertThat(sent).containsExactly(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6}));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {7}));
    assertThat(sent).hasSize(2);
    channel.close();
    assertThat(completed).isTrue();
  }

  @Test
  void largeWritesAreCutAtTheBatchSizeAndKeepTheirBytesInOrder() {
    byte[] data = new byte[3 * BytePump.BATCH + 12345];
    new Random(3).nextBytes(data);
    EmbeddedChannel channel = new EmbeddedChannel(new BytePump(outer));
    channel.writeInbound(Unpooled.wrappedBuffer(data, 0, 1000), Unpooled.wrappedBuffer(data, 1000, data.length - 1000));
    assertThat(sent).allSatisfy(m -> assertThat(m.size()).isLessThanOrEqualTo(BytePump.BATCH));
    assertThat(sent).hasSize(4);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    sent.forEach(m -> joined.writeBytes(m.toByteArray()));
    assertThat(joined.toByteArray()).isEqualTo(data);
  }
}
