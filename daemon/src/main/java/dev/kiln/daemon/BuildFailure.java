package dev.kiln.daemon;

import io.grpc.Status;

/** A build that ends with a specific gRPC status (usage problems, unsupported modes). */
final class BuildFailure extends Exception {
  private final transient Status status;

  BuildFailure(Status status) {
    super(status.getDescription(), status.getCause());
    this.status = status;
  }

  Status status() {
    return status;
  }
}
