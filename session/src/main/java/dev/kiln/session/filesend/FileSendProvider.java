package dev.kiln.session.filesend;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import dev.kiln.proto.session.filesync.BytesMessage;
import dev.kiln.session.MessageStream;
import dev.kiln.session.RawMethod;
import dev.kiln.session.fsutil.DiffCopyReceiver;
import dev.kiln.session.fsutil.PacketChannel;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The client's FileSend: receives a build output. A directory target gets fsutil Packets (the
 * daemon sends the tree, this side requests files); a file target gets the bytes of a tarball as
 * {@code BytesMessage} chunks (buildkit-wire §3.4).
 */
public final class FileSendProvider implements BindableService {
  /** Where the output goes. */
  public sealed interface Target {}

  /** Merge the result tree into a directory; files belong to the current user. */
  public record Dir(Path path) implements Target {}

  /** Make a directory hold exactly the result tree ({@code mode=delete}); files belong to the current user. */
  public record MirrorDir(Path path) implements Target {}

  /** Write the stream to a file (created or truncated), or to an open stream such as stdout. */
  public record File(Path path, OutputStream stream) implements Target {}

  private final Target target;

  public FileSendProvider(Target target) {
    this.target = target;
  }

  /** The output file, when the output is a file rather than a directory or an open stream. */
  public Optional<Path> localFile() {
    return target instanceof File(Path path, OutputStream stream) && path != null && stream == null
        ? Optional.of(path) : Optional.empty();
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder("moby.filesync.v1.FileSend")
        .addMethod(RawMethod.FILE_SEND, ServerCalls.asyncBidiStreamingCall(this::diffCopy))
        .build();
  }

  private StreamObserver<byte[]> diffCopy(StreamObserver<byte[]> responseObserver) {
    MessageStream<byte[], byte[]> stream = new MessageStream<byte[], byte[]>().attach(responseObserver);
    Thread.ofVirtual().name("kiln-filesend").start(() -> serve(stream));
    return stream.inbound();
  }

  private void serve(MessageStream<byte[], byte[]> stream) {
    try {
      switch (target) {
        case Dir(Path path) -> new DiffCopyReceiver(path, false).receive(PacketChannel.ofBytes(stream));
        case MirrorDir(Path path) -> DirMirror.receive(path, PacketChannel.ofBytes(stream));
        case File(Path path, OutputStream out) -> receiveFile(stream, path, out);
      }
      stream.complete();
    } catch (IOException | RuntimeException e) {
      stream.fail(Status.INTERNAL.withDescription("writing the build output: " + e.getMessage()));
    }
  }

  private static void receiveFile(MessageStream<byte[], byte[]> stream, Path path, OutputStream given) throws IOException {
    OutputStream out = given != null ? given : Files.newOutputStream(path);
    try {
      for (byte[] raw; (raw = stream.receive()) != null; ) {
        // The chunk's bytes are written straight out of the message rather than copied out first.
        CodedInputStream in = UnsafeByteOperations.unsafeWrap(raw).newCodedInput(); // immutable: may alias
        in.enableAliasing(true);
        BytesMessage.parseFrom(in).getData().writeTo(out);
      }
    } finally {
      if (given == null) out.close();
      else out.flush();
    }
  }
}
