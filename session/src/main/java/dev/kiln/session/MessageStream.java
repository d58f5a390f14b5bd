package dev.kiln.session;

import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A bidi gRPC stream seen as blocking {@link #send}/{@link #receive} calls, so protocol code
 * (DiffCopy, file send) reads as straight-line code on a virtual thread. Wire it by passing {@link
 * #inbound()} as the call's response (or request) observer and {@link #attach} the other side.
 * Sends are serialized; receive is for one reader.
 */
public final class MessageStream<I, O> {
  private sealed interface Item<I> {}

  private record Message<I>(I value) implements Item<I> {}

  private record End<I>(Throwable error) implements Item<I> {}

  private final LinkedBlockingQueue<Item<I>> queue = new LinkedBlockingQueue<>();
  private StreamObserver<O> outbound;
  private boolean ended;
  /** Set when the peer's side ended; a sender waiting for flow control must stop waiting then. */
  private volatile boolean peerEnded;

  /** The observer gRPC delivers incoming messages to. */
  public StreamObserver<I> inbound() {
    return new StreamObserver<>() {
      @Override
      public void onNext(I value) {
        queue.add(new Message<>(value));
      }

      @Override
      public void onError(Throwable t) {
        peerEnded = true;
        queue.add(new End<>(t));
      }

      @Override
      public void onCompleted() {
        peerEnded = true;
        queue.add(new End<>(null));
      }
    };
  }

  /** Sets where {@link #send} writes; call once before sending. */
  public synchronized MessageStream<I, O> attach(StreamObserver<O> out) {
    this.outbound = out;
    return this;
  }

  /**
   * Sends one message, first waiting while the transport is not ready for more: gRPC would
   * otherwise buffer without bound, and a large directory or tarball would sit in memory.
   */
  public void send(O message) {
    awaitReady();
    synchronized (this) {
      outbound.onNext(message);
    }
  }

  private void awaitReady() {
    if (!(outbound instanceof CallStreamObserver<?> call)) {
      return;
    }
    // Polling keeps this independent of when the call started (a ready handler must be set before).
    while (!call.isReady() && !peerEnded) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Half-closes the outgoing side. Idempotent. */
  public synchronized void complete() {
    if (!ended) {
      ended = true;
      outbound.onCompleted();
    }
  }

  /** Aborts the call with {@code status}. Idempotent. */
  public synchronized void fail(Status status) {
    if (!ended) {
      ended = true;
      outbound.onError(status.asRuntimeException());
    }
  }

  /** The next message, or null when the peer half-closed. */
  public I receive() throws IOException {
    Item<I> item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the peer");
    }
    return switch (item) {
      case Message<I>(var value) -> value;
      case End<I>(var error) when error == null -> {
        queue.add(item); // later receives see the end too
        yield null;
      }
      case End<I>(var error) -> {
        queue.add(item);
        throw new IOException("peer aborted the stream: " + Status.fromThrowable(error), error);
      }
    };
  }
}
