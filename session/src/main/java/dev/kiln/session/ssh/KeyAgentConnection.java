package dev.kiln.session.ssh;

import com.google.protobuf.ByteString;
import dev.kiln.proto.session.ssh.BytesMessage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * One ForwardAgent stream answered by an in-memory agent: the daemon's bytes are length-prefixed
 * agent requests, split across messages as the socket delivered them; each whole request is
 * answered on the stream. Requests on one stream arrive in order, one at a time.
 */
final class KeyAgentConnection implements StreamObserver<BytesMessage> {
  private static final int MAX_REQUEST = 256 << 10; // OpenSSH's agent limit

  private final KeyAgent agent;
  private final StreamObserver<BytesMessage> toDaemon;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  KeyAgentConnection(KeyAgent agent, StreamObserver<BytesMessage> toDaemon) {
    this.agent = agent;
    this.toDaemon = toDaemon;
  }

  @Override
  public synchronized void onNext(BytesMessage message) {
    pending.writeBytes(message.getData().toByteArray());
    byte[] buffered = pending.toByteArray();
    int offset = 0;
    while (buffered.length - offset >= 4) {
      int length = ByteBuffer.wrap(buffered, offset, 4).getInt();
      if (length < 0 || length > MAX_REQUEST) {
        toDaemon.onError(Status.INVALID_ARGUMENT.withDescription("ssh agent request of " + length + " bytes").asRuntimeException());
        return;
      }
      if (buffered.length - offset - 4 < length) break;
      byte[] request = java.util.Arrays.copyOfRange(buffered, offset + 4, offset + 4 + length);
      offset += 4 + length;
      byte[] answer = agent.answer(request);
      toDaemon.onNext(BytesMessage.newBuilder()
          .setData(ByteString.copyFrom(ByteBuffer.allocate(4).putInt(answer.length).array()).concat(ByteString.copyFrom(answer)))
          .build());
    }
    pending.reset();
    pending.write(buffered, offset, buffered.length - offset);
  }

  @Override
  public void onError(Throwable t) {
    // the daemon's side went away: nothing is held open here
  }

  @Override
  public void onCompleted() {
    toDaemon.onCompleted();
  }
}
