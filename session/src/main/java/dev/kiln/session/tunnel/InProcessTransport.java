package dev.kiln.session.tunnel;

import dev.kiln.proto.control.BytesMessage;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded mode's session transport: client and daemon share a JVM, so the daemon calls the
 * client's in-process server directly; the {@code Control.Session} stream carries no bytes and only
 * marks the session's lifetime. Skips the tunnel's HTTP/2 connection and its event loops, which
 * were a good part of a cached build's time.
 */
final class InProcessTransport {
  private InProcessTransport() {}

  /** @param onClientEnd runs once when the client ends the outer stream */
  static DaemonTransport open(String serverName, StreamObserver<BytesMessage> toClient, Runnable onClientEnd) {
    ManagedChannel channel = InProcessChannelBuilder.forName(serverName).maxInboundMessageSize(Tunnels.MAX_MESSAGE).build();
    // Never connected to a tunnel: it only reports the stream's end.
    ByteSink fromClient = new ByteSink(onClientEnd);
    AtomicBoolean completed = new AtomicBoolean();
    return new DaemonTransport(channel, fromClient, () -> {
      channel.shutdownNow();
      // Ends the outer call too, as closing the tunnel does.
      if (completed.compareAndSet(false, true)) {
        try {
          toClient.onCompleted();
        } catch (IllegalStateException alreadyEnded) {
          // the call was cancelled or ended already
        }
      }
    });
  }
}
