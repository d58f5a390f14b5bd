package dev.kiln.session.tunnel;

import dev.kiln.proto.control.BytesMessage;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The daemon end of a session: given the {@code Control.Session} call's response observer, runs a
 * gRPC client ({@link #channel()}) to call the services the client exposes, over the tunnel or, in
 * the embedded mode, in-process. Pass {@link #fromClient()} as the call's request observer.
 * Thread-safe.
 */
public final class DaemonSession implements AutoCloseable {
  private final String id;
  private final String sharedKey;
  private final Set<String> methods;
  private final DaemonTransport transport;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final String inProcessServer; // null for a client elsewhere

  private DaemonSession(String id, String sharedKey, Set<String> methods, Function<Runnable, DaemonTransport> transport,
      String inProcessServer) {
    this.id = id;
    this.sharedKey = sharedKey;
    this.methods = methods;
    this.inProcessServer = inProcessServer;
    this.transport = transport.apply(this::onClientEnd);
  }

  /**
   * @param methods the {@code x-docker-expose-session-grpc-method} values the client sent
   * @param toClient the {@code Control.Session} call's response observer
   */
  public static DaemonSession open(String id, List<String> methods, StreamObserver<BytesMessage> toClient) {
    return open(id, "", methods, toClient);
  }

  /** @param sharedKey the client's {@code x-docker-expose-session-sharedkey}: synced dirs are reused under it */
  public static DaemonSession open(String id, String sharedKey, List<String> methods, StreamObserver<BytesMessage> toClient) {
    return new DaemonSession(id, sharedKey == null ? "" : sharedKey, lower(methods), end -> TunnelTransport.open(toClient, end),
        null);
  }

  /**
   * A session whose client serves in this JVM under {@code serverName} (see {@link
   * ClientSession#startInProcess}); only for calls that arrived over the in-process transport.
   */
  public static DaemonSession openInProcess(String id, String sharedKey, List<String> methods, String serverName,
      StreamObserver<BytesMessage> toClient) {
    return new DaemonSession(id, sharedKey == null ? "" : sharedKey, lower(methods),
        end -> InProcessTransport.open(serverName, toClient, end), serverName);
  }

  /**
   * The client's local directory {@code name} itself, when the client runs in this JVM and serves
   * it: read in place, with no copy to sync (the client's FileSync would send the same files).
   */
  public Optional<Path> inProcessDir(String name) {
    return Optional.ofNullable(inProcess().dirs().get(name));
  }

  private static Set<String> lower(List<String> methods) {
    return Set.copyOf(methods.stream().map(m -> m.toLowerCase(java.util.Locale.ROOT)).toList());
  }

  public String sharedKey() {
    return sharedKey;
  }

  public String id() {
    return id;
  }

  /** The request observer of the outer call. */
  public StreamObserver<BytesMessage> fromClient() {
    return transport.fromClient();
  }

  /** Calls the client's services over the tunnel. */
  public ManagedChannel channel() {
    return transport.channel();
  }

  /**
   * The file a client in this JVM wants its output tarball in, which the daemon may write itself
   * instead of sending the bytes through FileSend; empty for clients elsewhere and other outputs.
   */
  public Optional<Path> localOutputFile() {
    return inProcess().outputFile();
  }

  /** Looked up on each use: once the client has closed, nothing of it is read or written in place. */
  private InProcessClients.Offer inProcess() {
    return inProcessServer == null ? InProcessClients.Offer.NONE : InProcessClients.lookup(inProcessServer);
  }

  /** Whether the client serves {@code /pkg.Service/Method} (compared case-insensitively, like BuildKit). */
  public boolean supports(String fullMethod) {
    return methods.contains(fullMethod.toLowerCase(java.util.Locale.ROOT));
  }

  /** Blocks until the client ended the session or the timeout passed; true when it ended. */
  public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
    return ended.await(timeout, unit);
  }

  public boolean isEnded() {
    return ended.getCount() == 0;
  }

  private void onClientEnd() {
    ended.countDown();
    close();
  }

  @Override
  public void close() {
    transport.close().run();
  }
}
