package dev.kiln.daemon;

import dev.kiln.llb.SourceLocation;
import io.grpc.Status;
import java.util.Optional;

/**
 * A build that ends with a specific gRPC status (usage problems, unsupported modes, a definition
 * file the frontend rejects), and where in that file the problem is, when known.
 */
final class BuildFailure extends Exception {
  private final transient Status status;
  private final transient SourceLocation source;

  BuildFailure(Status status, SourceLocation source) {
    super(status.getDescription(), status.getCause());
    this.status = status;
    this.source = source;
  }

  BuildFailure(Status status) {
    this(status, null);
  }

  Status status() {
    return status;
  }

  Optional<SourceLocation> source() {
    return Optional.ofNullable(source);
  }
}
