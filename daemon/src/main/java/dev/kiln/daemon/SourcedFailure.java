package dev.kiln.daemon;

import com.google.protobuf.Any;
import java.util.Optional;

/** A failed step and where in the build's definition file it comes from, for the error's details. */
final class SourcedFailure extends Exception {
  private final transient Any source;

  SourcedFailure(Exception failure, Any source) {
    super(failure.getMessage(), failure);
    this.source = source;
  }

  /** The failure as the build reported it. */
  Exception failure() {
    return (Exception) getCause();
  }

  Optional<Any> source() {
    return Optional.ofNullable(source);
  }
}
