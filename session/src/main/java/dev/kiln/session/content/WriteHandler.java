package dev.kiln.session.content;

import dev.kiln.proto.content.WriteAction;
import dev.kiln.proto.content.WriteContentRequest;
import dev.kiln.proto.content.WriteContentResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@code Content.Write} stream, answered as containerd's content server does: the first
 * message names the ref (and usually the expected digest and size); a blob already stored ends the
 * call with ALREADY_EXISTS, which writers take as success; each STAT, WRITE and COMMIT is answered
 * with the ingest's offset, total and digest so far.
 */
final class WriteHandler implements StreamObserver<WriteContentRequest> {
  private final String storeId;
  private final Supplier<LayoutStore> store;
  private final Map<String, IngestWriter> writes;
  private final StreamObserver<WriteContentResponse> out;
  private IngestWriter writer;
  private boolean ended;

  WriteHandler(String storeId, Supplier<LayoutStore> store, Map<String, IngestWriter> writes,
      StreamObserver<WriteContentResponse> out) {
    this.storeId = storeId;
    this.store = store;
    this.writes = writes;
    this.out = out;
  }

  @Override
  public void onNext(WriteContentRequest request) {
    if (ended) return;
    try {
      if (writer == null) start(request);
      if (writer == null) return;
      switch (request.getAction()) {
        case STAT -> {}
        case WRITE -> writer.write(request.getOffset(), request.getData().asReadOnlyByteBuffer());
        case COMMIT -> {
          if (!request.getData().isEmpty()) writer.write(request.getOffset(), request.getData().asReadOnlyByteBuffer());
          String digest = writer.commit(request.getTotal(), request.getExpected());
          writes.remove(key(writer.ref()));
          out.onNext(response(request.getAction()).setDigest(digest).build());
          return;
        }
        default -> throw Status.INVALID_ARGUMENT.withDescription("unknown write action " + request.getAction()).asRuntimeException();
      }
      out.onNext(response(request.getAction()).build());
    } catch (StatusRuntimeException e) {
      fail(e);
    } catch (IOException | RuntimeException e) {
      fail(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
    }
  }

  private void start(WriteContentRequest first) throws IOException {
    if (first.getRef().isEmpty()) throw Status.INVALID_ARGUMENT.withDescription("first message must have a reference").asRuntimeException();
    LayoutStore layout = store.get();
    if (!first.getExpected().isEmpty() && layout.exists(first.getExpected())) {
      fail(Status.ALREADY_EXISTS.withDescription("content " + first.getExpected() + ": already exists").asRuntimeException());
      return;
    }
    writer = new IngestWriter(layout, first.getRef(), first.getTotal(), first.getExpected());
    writes.put(key(first.getRef()), writer);
  }

  private WriteContentResponse.Builder response(WriteAction action) {
    return WriteContentResponse.newBuilder().setAction(action).setStartedAt(ContentProvider.timestamp(writer.started()))
        .setUpdatedAt(ContentProvider.timestamp(writer.updated())).setOffset(writer.offset()).setTotal(writer.total())
        .setDigest(writer.digest());
  }

  private String key(String ref) {
    return storeId + "\n" + ref;
  }

  private void fail(StatusRuntimeException e) {
    ended = true;
    release();
    out.onError(e);
  }

  private void release() {
    if (writer == null) return;
    writes.remove(key(writer.ref()), writer);
    try {
      writer.close(); // the ingest stays, so a later write of the same ref continues it
    } catch (IOException ignored) {
      // nothing more to do for a file being closed
    }
  }

  @Override
  public void onError(Throwable t) {
    ended = true;
    release();
  }

  @Override
  public void onCompleted() {
    if (ended) return;
    ended = true;
    release();
    out.onCompleted();
  }
}
