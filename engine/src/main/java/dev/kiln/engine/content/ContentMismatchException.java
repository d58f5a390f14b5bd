package dev.kiln.engine.content;

import java.io.IOException;

/** Written bytes do not match the digest or size they were expected to have. */
public final class ContentMismatchException extends IOException {
  public ContentMismatchException(String message) {
    super(message);
  }
}
