package dev.kiln.daemon;

import dev.kiln.daemon.export.ExportSpec;
import dev.kiln.engine.ops.InvalidDefinitionException;
import dev.kiln.solver.SolveCancelledException;
import dev.kiln.solver.VertexFailedException;
import io.grpc.Status;

/**
 * Maps a failed build to the gRPC status {@code Solve} returns. Build failures are UNKNOWN with the
 * step's own message, as BuildKit sends them; the failing vertex is also marked on the Status stream.
 */
final class SolveErrors {
  private SolveErrors() {}

  static Status toStatus(Exception e) {
    return switch (e) {
      case BuildFailure f -> f.status();
      case ExportSpec.UnsupportedExporterException u -> Status.INVALID_ARGUMENT.withDescription(u.getMessage());
      case InvalidDefinitionException d -> Status.INVALID_ARGUMENT.withDescription("invalid definition: " + d.getMessage());
      case SolveCancelledException c -> Status.CANCELLED.withDescription(c.getMessage());
      case VertexFailedException v -> Status.UNKNOWN.withDescription(
          "failed to solve: " + (v.getCause() == null ? v.getMessage() : v.getCause().getMessage()));
      case InterruptedException i -> Status.CANCELLED.withDescription("the daemon is shutting down");
      default -> Status.UNKNOWN.withDescription("failed to solve: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    };
  }
}
