package dev.kiln.session;

import io.grpc.Metadata;

/** Request metadata keys of {@code Control.Session} and of the calls made over it (buildkit-wire §3). */
public final class SessionHeaders {
  private SessionHeaders() {}

  public static final Metadata.Key<String> SESSION_ID = key("x-docker-expose-session-uuid");
  public static final Metadata.Key<String> SESSION_NAME = key("x-docker-expose-session-name");
  public static final Metadata.Key<String> SHARED_KEY = key("x-docker-expose-session-sharedkey");
  /** Repeated: one {@code /pkg.Service/Method} per method the client serves. */
  public static final Metadata.Key<String> GRPC_METHOD = key("x-docker-expose-session-grpc-method");
  /**
   * Kiln's own: the client serves its session on grpc-java's in-process transport under this name,
   * reachable directly when client and daemon share a JVM (the embedded mode), instead of through
   * a tunnel in the stream. Honoured only on calls that arrived in-process.
   */
  public static final Metadata.Key<String> IN_PROCESS_SERVER = key("x-kiln-session-inprocess-server");

  /** FileSync.DiffCopy: which local directory. */
  public static final Metadata.Key<String> DIR_NAME = key("dir-name");
  public static final Metadata.Key<String> INCLUDE_PATTERNS = key("include-patterns");
  public static final Metadata.Key<String> EXCLUDE_PATTERNS = key("exclude-patterns");
  public static final Metadata.Key<String> FOLLOW_PATHS = key("followpaths");
  public static final Metadata.Key<String> OVERRIDE_EXCLUDES = key("override-excludes");

  public static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
