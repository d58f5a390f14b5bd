package dev.kiln.daemon;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.kiln.daemon.export.ExportSpec;
import dev.kiln.engine.ops.InvalidDefinitionException;
import dev.kiln.solver.SolveCancelledException;
import dev.kiln.solver.VertexFailedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a failed build to the gRPC status {@code Solve} returns. Build failures are UNKNOWN with the
 * step's own message, as BuildKit sends them; the failing vertex is also marked on the Status stream.
 */
final class SolveErrors {
  /** BuildKit's type for "this vertex failed" (buildkit-wire §2.8); clients read the digest from it. */
  static final String VERTEX_TYPE = "github.com/moby/buildkit/errdefs.Vertex+json";

  private SolveErrors() {}

  /** The status as an exception, with BuildKit's typed details where the failing vertex is known. */
  static StatusRuntimeException toException(Exception failure) {
    List<Any> details = new ArrayList<>();
    Exception e = failure;
    if (failure instanceof SourcedFailure s) {
      e = s.failure();
      s.source().ifPresent(details::add);
    }
    Status status = toStatus(e);
    if (e instanceof VertexFailedException v) {
      String json = "{\"digest\":\"" + v.vertex().digest().replace("\"", "") + "\"}";
      details.addFirst(Any.newBuilder().setTypeUrl(VERTEX_TYPE).setValue(ByteString.copyFromUtf8(json)).build());
    }
    if (e instanceof BuildFailure f) f.source().ifPresent(s -> details.add(SourceDetail.of(s)));
    if (details.isEmpty()) {
      return status.asRuntimeException();
    }
    com.google.rpc.Status rich = com.google.rpc.Status.newBuilder()
        .setCode(status.getCode().value())
        .setMessage(status.getDescription())
        .addAllDetails(details)
        .build();
    return StatusProto.toStatusRuntimeException(rich);
  }

  static Status toStatus(Exception e) {
    return switch (e) {
      case BuildFailure f -> f.status();
      case ExportSpec.UnsupportedExporterException u -> Status.INVALID_ARGUMENT.withDescription(u.getMessage());
      case InvalidDefinitionException d -> Status.INVALID_ARGUMENT.withDescription("invalid definition: " + d.getMessage());
      case SolveCancelledException c -> Status.CANCELLED.withDescription(c.getMessage());
      // No "failed to solve: " here: BuildKit's client adds it to whatever Solve returns.
      case VertexFailedException v -> Status.UNKNOWN.withDescription(
          v.getCause() == null ? v.getMessage() : v.getCause().getMessage());
      case InterruptedException i -> Status.CANCELLED.withDescription("the daemon is shutting down");
      default -> Status.UNKNOWN.withDescription(e.getMessage() == null ? e.toString() : e.getMessage());
    };
  }
}
