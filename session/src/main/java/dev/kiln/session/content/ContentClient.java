package dev.kiln.session.content;

import com.google.protobuf.ByteString;
import dev.kiln.proto.content.ContentGrpc;
import dev.kiln.proto.content.InfoRequest;
import dev.kiln.proto.content.ReadContentRequest;
import dev.kiln.proto.content.ReadContentResponse;
import dev.kiln.proto.content.WriteAction;
import dev.kiln.proto.content.WriteContentRequest;
import dev.kiln.proto.content.WriteContentResponse;
import dev.kiln.session.MessageStream;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import java.util.Optional;

/**
 * The daemon's side of a client's content store (BuildKit's {@code sessioncontent.NewCallerStore}):
 * every call carries the store id; blobs are read with {@code Info}/{@code Read} and written with
 * {@code Write} STAT → WRITE… → COMMIT, skipped when the client already has them. Thread-safe.
 */
public final class ContentClient {
  private static final int CHUNK = 1 << 20;
  private final Channel channel;
  private final String storeId;

  /** The data of a blob being written, opened only when the client lacks the blob. */
  @FunctionalInterface
  public interface BlobData {
    InputStream open() throws IOException;
  }

  public ContentClient(Channel session, String storeId) {
    Metadata headers = new Metadata();
    headers.put(StoreIds.HEADER, storeId);
    this.channel = ClientInterceptors.intercept(session, MetadataUtils.newAttachHeadersInterceptor(headers));
    this.storeId = storeId;
  }

  public String storeId() {
    return storeId;
  }

  /** The blob's size, or empty when the store lacks it. */
  public Optional<Long> size(String digest) throws IOException {
    try {
      return Optional.of(ContentGrpc.newBlockingStub(channel).info(InfoRequest.newBuilder().setDigest(digest).build())
          .getInfo().getSize());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) return Optional.empty();
      throw failure("reading the info of " + digest, e);
    }
  }

  /** The whole blob; closing the stream early cancels the read. */
  public InputStream open(String digest) throws IOException {
    Context.CancellableContext call = Context.current().withCancellation();
    Iterator<ReadContentResponse> chunks;
    try {
      chunks = call.call(() -> ContentGrpc.newBlockingStub(channel).read(ReadContentRequest.newBuilder().setDigest(digest).build()));
    } catch (Exception e) {
      call.cancel(null);
      throw new IOException("reading " + digest + " from the client's store " + storeId + ": " + e.getMessage(), e);
    }
    return new ChunkStream(digest, chunks, call);
  }

  /** Writes the blob unless the store has it; returns whether bytes were sent. */
  public boolean write(String ref, String digest, long size, BlobData data) throws IOException {
    MessageStream<WriteContentResponse, WriteContentRequest> stream = new MessageStream<>();
    stream.attach(ClientCalls.asyncBidiStreamingCall(channel.newCall(ContentGrpc.getWriteMethod(), CallOptions.DEFAULT),
        stream.inbound()));
    try {
      // STAT opens the ingest: its offset is what an earlier, interrupted write left.
      stream.send(WriteContentRequest.newBuilder().setAction(WriteAction.STAT).setRef(ref).setTotal(size).setExpected(digest).build());
      WriteContentResponse status;
      try {
        status = next(stream, ref);
      } catch (AlreadyThere e) {
        return false;
      }
      long offset = status.getOffset() <= size ? status.getOffset() : 0;
      try (InputStream in = data.open()) {
        in.skipNBytes(offset);
        byte[] buffer = new byte[CHUNK];
        for (int n; (n = in.readNBytes(buffer, 0, CHUNK)) > 0; ) {
          stream.send(WriteContentRequest.newBuilder().setAction(WriteAction.WRITE).setRef(ref).setOffset(offset)
              .setData(ByteString.copyFrom(buffer, 0, n)).build());
          offset = next(stream, ref).getOffset();
        }
      }
      stream.send(WriteContentRequest.newBuilder().setAction(WriteAction.COMMIT).setRef(ref).setTotal(size)
          .setExpected(digest).setOffset(offset).build());
      WriteContentResponse committed = next(stream, ref);
      if (!committed.getDigest().equals(digest)) {
        throw new IOException("the client's store " + storeId + " committed " + ref + " as " + committed.getDigest() + ", expected " + digest);
      }
      stream.complete();
      while (stream.receive() != null) {
        // the client ends the call after the commit
      }
      return true;
    } catch (AlreadyThere e) {
      stream.complete();
      return false;
    } catch (IOException | RuntimeException e) {
      stream.fail(Status.CANCELLED.withDescription(String.valueOf(e.getMessage())));
      throw e;
    }
  }

  /** The store answered ALREADY_EXISTS: the blob is there, which a writer takes as done. */
  private static final class AlreadyThere extends IOException {
    AlreadyThere() {
      super("already exists");
    }
  }

  private WriteContentResponse next(MessageStream<WriteContentResponse, WriteContentRequest> stream, String ref) throws IOException {
    WriteContentResponse r;
    try {
      r = stream.receive();
    } catch (IOException e) {
      Status status = Status.fromThrowable(e.getCause() == null ? e : e.getCause());
      if (status.getCode() == Status.Code.ALREADY_EXISTS) throw new AlreadyThere();
      throw new IOException("writing " + ref + " to the client's store " + storeId + ": " + status.getCode() + ": "
          + status.getDescription(), e);
    }
    if (r == null) throw new IOException("the client's store " + storeId + " ended the write of " + ref + " early");
    return r;
  }

  private IOException failure(String what, StatusRuntimeException e) {
    return new IOException(what + " in the client's store " + storeId + ": " + e.getStatus().getCode() + ": "
        + e.getStatus().getDescription(), e);
  }

  /** The chunks of a {@code Read} as one stream. */
  private final class ChunkStream extends InputStream {
    private final String digest;
    private final Iterator<ReadContentResponse> chunks;
    private final Context.CancellableContext call;
    private ByteString current = ByteString.EMPTY;
    private int position;

    ChunkStream(String digest, Iterator<ReadContentResponse> chunks, Context.CancellableContext call) {
      this.digest = digest;
      this.chunks = chunks;
      this.call = call;
    }

    private boolean fill() throws IOException {
      while (position >= current.size()) {
        try {
          if (!chunks.hasNext()) return false;
          current = chunks.next().getData();
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
            throw new NoSuchFileException(digest, null, "not in the client's store " + storeId);
          }
          throw failure("reading " + digest, e);
        }
        position = 0;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? current.byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      if (!fill()) return -1;
      int n = Math.min(len, current.size() - position);
      current.copyTo(b, position, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() {
      call.cancel(null);
    }
  }
}
