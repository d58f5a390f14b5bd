package dev.kiln.session.filesync;

import dev.kiln.proto.fsutil.Packet;
import dev.kiln.proto.session.filesync.FileSyncGrpc;
import dev.kiln.session.MessageStream;
import dev.kiln.session.SessionHeaders;
import dev.kiln.session.fsutil.DiffCopyReceiver;
import dev.kiln.session.fsutil.PacketChannel;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The daemon's side of FileSync: pulls one of the client's local directories into a directory here. */
public final class FileSyncClient {
  public static final String DIFF_COPY = "/moby.filesync.v1.FileSync/DiffCopy";

  private FileSyncClient() {}

  /** What to ask for: the local's name and the patterns the client filters with. */
  public record Request(String name, List<String> includes, List<String> excludes, List<String> followPaths) {}

  /** The client has no local directory by the requested name. */
  public static final class NotFoundException extends IOException {
    public NotFoundException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Copies the directory into {@code target} (owners as sent); returns content bytes received.
   *
   * @throws NotFoundException when the client does not have that directory
   */
  public static long fetch(Channel channel, Request request, Path target) throws IOException {
    return fetch(channel, request, target, false);
  }

  /**
   * Like {@link #fetch(Channel, Request, Path)}; with {@code reuse}, {@code target} holds an earlier
   * copy of the same directory and only changed files are transferred.
   */
  public static long fetch(Channel channel, Request request, Path target, boolean reuse) throws IOException {
    Metadata headers = new Metadata();
    headers.put(SessionHeaders.DIR_NAME, request.name());
    request.includes().forEach(p -> headers.put(SessionHeaders.INCLUDE_PATTERNS, p));
    request.excludes().forEach(p -> headers.put(SessionHeaders.EXCLUDE_PATTERNS, p));
    request.followPaths().forEach(p -> headers.put(SessionHeaders.FOLLOW_PATHS, p));
    headers.put(SessionHeaders.OVERRIDE_EXCLUDES, "true");
    FileSyncGrpc.FileSyncStub stub = FileSyncGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    MessageStream<Packet, Packet> stream = new MessageStream<>();
    stream.attach(stub.diffCopy(stream.inbound()));
    long received;
    try {
      received = new DiffCopyReceiver(target, true, reuse).receive(PacketChannel.of(stream));
    } catch (IOException | RuntimeException e) {
      stream.fail(io.grpc.Status.CANCELLED.withDescription(e.getMessage()));
      if (e.getCause() != null && io.grpc.Status.fromThrowable(e.getCause()).getCode() == io.grpc.Status.Code.NOT_FOUND) {
        throw new NotFoundException("the client has no local directory '" + request.name() + "'", e);
      }
      throw e;
    }
    stream.complete();
    while (stream.receive() != null) {
      // drain until the client ends the call
    }
    return received;
  }
}
