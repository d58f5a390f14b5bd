package dev.kiln.session.filesync;

import dev.kiln.proto.fsutil.Packet;
import dev.kiln.proto.session.filesync.FileSyncGrpc;
import dev.kiln.session.HeadersInterceptor;
import dev.kiln.session.MessageStream;
import dev.kiln.session.SessionHeaders;
import dev.kiln.session.fsutil.DiffCopySender;
import dev.kiln.session.fsutil.PacketChannel;
import dev.kiln.session.fsutil.PathFilter;
import io.grpc.Metadata;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's FileSync: sends the local directory named by {@code dir-name}, filtered by the
 * request's patterns, with every entry owned by root as buildctl sends it. Counts content bytes
 * sent, so tests and benchmarks can check that unchanged files are not re-sent.
 */
public final class FileSyncProvider implements FileSyncGrpc.AsyncService, io.grpc.BindableService {
  private final Map<String, Path> dirs;
  private final AtomicLong bytesSent = new AtomicLong();

  public FileSyncProvider(Map<String, Path> dirs) {
    this.dirs = Map.copyOf(dirs);
  }

  /** The directories served, by name. */
  public Map<String, Path> dirs() {
    return dirs;
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerInterceptors.intercept(FileSyncGrpc.bindService(this), new HeadersInterceptor());
  }

  @Override
  public StreamObserver<Packet> diffCopy(StreamObserver<Packet> responseObserver) {
    Metadata headers = HeadersInterceptor.current();
    MessageStream<Packet, Packet> stream = new MessageStream<Packet, Packet>().attach(responseObserver);
    Thread.ofVirtual().name("kiln-filesync").start(() -> serve(headers, stream));
    return stream.inbound();
  }

  private void serve(Metadata headers, MessageStream<Packet, Packet> stream) {
    String name = headers.get(SessionHeaders.DIR_NAME);
    Path dir = name == null ? null : dirs.get(name);
    if (dir == null) {
      stream.fail(Status.NOT_FOUND.withDescription("no local directory named '" + name + "' (pass --local " + name + "=DIR)"));
      return;
    }
    PathFilter filter = PathFilter.of(
        HeadersInterceptor.all(headers, SessionHeaders.INCLUDE_PATTERNS),
        HeadersInterceptor.all(headers, SessionHeaders.EXCLUDE_PATTERNS),
        HeadersInterceptor.all(headers, SessionHeaders.FOLLOW_PATHS));
    try {
      bytesSent.addAndGet(DiffCopySender.send(dir, filter, true, PacketChannel.of(stream)));
      stream.complete();
    } catch (IOException | RuntimeException e) {
      stream.fail(Status.INTERNAL.withDescription("sending local directory '" + name + "': " + e.getMessage()));
    }
  }
}
