package dev.kiln.llb.frontend;

import dev.kiln.llb.SourceLocation;
import java.util.Optional;

/** A build definition or its options were rejected; carries where in the definition, if known. */
public class FrontendException extends Exception {
  private final transient SourceLocation location;

  public FrontendException(String message, SourceLocation location, Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  public FrontendException(String message) {
    this(message, null, null);
  }

  /** The ranges of the definition file that caused the error. */
  public Optional<SourceLocation> location() {
    return Optional.ofNullable(location);
  }
}
