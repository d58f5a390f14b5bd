package dev.kiln.session.content;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import dev.kiln.proto.content.AbortRequest;
import dev.kiln.proto.content.ContentGrpc;
import dev.kiln.proto.content.DeleteContentRequest;
import dev.kiln.proto.content.Info;
import dev.kiln.proto.content.InfoRequest;
import dev.kiln.proto.content.InfoResponse;
import dev.kiln.proto.content.ListContentRequest;
import dev.kiln.proto.content.ListContentResponse;
import dev.kiln.proto.content.ListStatusesRequest;
import dev.kiln.proto.content.ListStatusesResponse;
import dev.kiln.proto.content.ReadContentRequest;
import dev.kiln.proto.content.ReadContentResponse;
import dev.kiln.proto.content.StatusRequest;
import dev.kiln.proto.content.StatusResponse;
import dev.kiln.proto.content.UpdateRequest;
import dev.kiln.proto.content.UpdateResponse;
import dev.kiln.session.MessageStream;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's {@code containerd.services.content.v1.Content}: OCI layout directories the daemon
 * reads and writes blob by blob, chosen per call by the {@code buildkit-attachable-store-id} header
 * (buildctl's {@code sessioncontent.NewAttachable}). The daemon never opens these paths itself.
 */
public final class ContentProvider implements BindableService {
  private static final Context.Key<String> STORE_ID = Context.key("kiln-content-store-id");
  private static final int CHUNK = 1 << 20;

  private final Map<String, LayoutStore> stores = new ConcurrentHashMap<>();
  /** Writes in progress, by store id and ref, for Status, ListStatuses and Abort. */
  private final Map<String, IngestWriter> writes = new ConcurrentHashMap<>();

  /** @param stores store id ({@code export}, {@code local:DIR}) → layout directory */
  public ContentProvider(Map<String, Path> stores) {
    stores.forEach((id, dir) -> this.stores.put(id, new LayoutStore(dir)));
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServerInterceptor storeId = new ServerInterceptor() {
      @Override
      public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, io.grpc.Metadata headers,
          io.grpc.ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(STORE_ID, headers.get(StoreIds.HEADER)), call, headers, next);
      }
    };
    return ServerInterceptors.intercept(new Service(), storeId);
  }

  private LayoutStore store() {
    String id = STORE_ID.get();
    if (id == null) throw Status.INVALID_ARGUMENT.withDescription("request lacks metadata \"" + StoreIds.HEADER.name() + "\"").asRuntimeException();
    LayoutStore store = stores.get(id);
    if (store == null) throw Status.NOT_FOUND.withDescription("unknown store " + id).asRuntimeException();
    return store;
  }

  private static Timestamp time(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Info describe(LayoutStore store, String digest) throws IOException {
    Timestamp modified = time(store.modified(digest).toInstant());
    return Info.newBuilder().setDigest(digest).setSize(store.size(digest)).setCreatedAt(modified).setUpdatedAt(modified).build();
  }

  /** Runs one unary call's work, mapping failures to the statuses containerd's content server returns. */
  private interface Work<R> {
    R run() throws IOException;
  }

  private static <R> void answer(StreamObserver<R> out, Work<R> work) {
    try {
      out.onNext(work.run());
      out.onCompleted();
    } catch (StatusRuntimeException e) {
      out.onError(e);
    } catch (NoSuchFileException e) {
      out.onError(Status.NOT_FOUND.withDescription("content " + e.getMessage() + ": not found").asRuntimeException());
    } catch (IOException | RuntimeException e) {
      out.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  private final class Service extends ContentGrpc.ContentImplBase {
    @Override
    public void info(InfoRequest request, StreamObserver<InfoResponse> out) {
      answer(out, () -> InfoResponse.newBuilder().setInfo(describe(store(), request.getDigest())).build());
    }

    /** Labels are not kept: the update answers with the blob's info, as a store without labels would. */
    @Override
    public void update(UpdateRequest request, StreamObserver<UpdateResponse> out) {
      answer(out, () -> UpdateResponse.newBuilder().setInfo(describe(store(), request.getInfo().getDigest())).build());
    }

    @Override
    public void list(ListContentRequest request, StreamObserver<ListContentResponse> out) {
      answer(out, () -> {
        LayoutStore store = store();
        ListContentResponse.Builder b = ListContentResponse.newBuilder();
        for (String digest : store.list()) b.addInfo(describe(store, digest));
        return b.build();
      });
    }

    @Override
    public void delete(DeleteContentRequest request, StreamObserver<Empty> out) {
      answer(out, () -> {
        store().delete(request.getDigest());
        return Empty.getDefaultInstance();
      });
    }

    @Override
    public void read(ReadContentRequest request, StreamObserver<ReadContentResponse> out) {
      LayoutStore store;
      try {
        store = store();
      } catch (StatusRuntimeException e) {
        out.onError(e);
        return;
      }
      // Sent from a virtual thread that waits for flow control, so a large blob never sits in memory.
      MessageStream<Void, ReadContentResponse> stream = new MessageStream<Void, ReadContentResponse>().attach(out);
      Thread.ofVirtual().name("kiln-content-read").start(() -> {
        try (InputStream in = store.open(request.getDigest(), request.getOffset())) {
          long left = request.getSize() > 0 ? request.getSize() : Long.MAX_VALUE;
          long offset = request.getOffset();
          byte[] buffer = new byte[CHUNK];
          for (int n; left > 0 && (n = in.readNBytes(buffer, 0, (int) Math.min(CHUNK, left))) > 0; left -= n, offset += n) {
            stream.send(ReadContentResponse.newBuilder().setOffset(offset).setData(ByteString.copyFrom(buffer, 0, n)).build());
          }
          stream.complete();
        } catch (NoSuchFileException e) {
          stream.fail(Status.NOT_FOUND.withDescription("content " + request.getDigest() + ": not found"));
        } catch (IOException | RuntimeException e) {
          stream.fail(Status.INTERNAL.withDescription(e.getMessage()));
        }
      });
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> out) {
      answer(out, () -> {
        IngestWriter w = writes.get(STORE_ID.get() + "\n" + request.getRef());
        if (w == null) throw Status.NOT_FOUND.withDescription("ref " + request.getRef() + ": not found").asRuntimeException();
        return StatusResponse.newBuilder().setStatus(statusOf(w)).build();
      });
    }

    @Override
    public void listStatuses(ListStatusesRequest request, StreamObserver<ListStatusesResponse> out) {
      answer(out, () -> {
        ListStatusesResponse.Builder b = ListStatusesResponse.newBuilder();
        String prefix = STORE_ID.get() + "\n";
        writes.forEach((key, w) -> {
          if (key.startsWith(prefix)) b.addStatuses(statusOf(w));
        });
        return b.build();
      });
    }

    @Override
    public void abort(AbortRequest request, StreamObserver<Empty> out) {
      answer(out, () -> {
        IngestWriter w = writes.remove(STORE_ID.get() + "\n" + request.getRef());
        if (w != null) w.abort();
        return Empty.getDefaultInstance();
      });
    }

    @Override
    public StreamObserver<dev.kiln.proto.content.WriteContentRequest> write(
        StreamObserver<dev.kiln.proto.content.WriteContentResponse> out) {
      return new WriteHandler(STORE_ID.get(), ContentProvider.this::store, writes, out);
    }
  }

  static dev.kiln.proto.content.Status statusOf(IngestWriter w) {
    return dev.kiln.proto.content.Status.newBuilder().setRef(w.ref()).setOffset(w.offset()).setTotal(w.total())
        .setExpected(w.expected()).setStartedAt(time(w.started())).setUpdatedAt(time(w.updated())).build();
  }

  static Timestamp timestamp(Instant t) {
    return time(t);
  }
}
