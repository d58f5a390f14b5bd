package dev.kiln.daemon;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Instant;

/**
 * Adds {@code buildkit-current-timestamp} (RFC 3339, nanoseconds) to the response headers of
 * {@code Control.Status}, as BuildKit does, so clients can correct for clock skew.
 */
final class StatusTimestampInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> TIMESTAMP = Metadata.Key.of("buildkit-current-timestamp", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!call.getMethodDescriptor().getFullMethodName().equals("moby.buildkit.v1.Control/Status")) {
      return next.startCall(call, headers);
    }
    return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void sendHeaders(Metadata responseHeaders) {
        responseHeaders.put(TIMESTAMP, Instant.now().toString());
        super.sendHeaders(responseHeaders);
      }
    }, headers);
  }
}
