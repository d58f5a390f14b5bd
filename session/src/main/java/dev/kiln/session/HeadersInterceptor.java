package dev.kiln.session;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.inprocess.InProcessSocketAddress;

/** Makes a call's request metadata readable from the service method through {@link #HEADERS}. */
public final class HeadersInterceptor implements ServerInterceptor {
  public static final Context.Key<Metadata> HEADERS = Context.key("kiln-request-headers");
  private static final Context.Key<Boolean> IN_PROCESS = Context.key("kiln-request-in-process");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    boolean inProcess = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) instanceof InProcessSocketAddress;
    Context context = Context.current().withValue(HEADERS, headers).withValue(IN_PROCESS, inProcess);
    return Contexts.interceptCall(context, call, headers, next);
  }

  /** Whether the current call came over grpc-java's in-process transport, i.e. from this JVM. */
  public static boolean inProcessCall() {
    return Boolean.TRUE.equals(IN_PROCESS.get());
  }

  /** The current call's headers, never null. */
  public static Metadata current() {
    Metadata headers = HEADERS.get();
    return headers == null ? new Metadata() : headers;
  }

  /** All values of a repeated key, or an empty list. */
  public static java.util.List<String> all(Metadata headers, Metadata.Key<String> key) {
    Iterable<String> values = headers.getAll(key);
    java.util.List<String> out = new java.util.ArrayList<>();
    if (values != null) values.forEach(out::add);
    return out;
  }
}
