package dev.kiln.registry.http;

import java.io.IOException;
import java.io.InputStream;

/** A request body that can be sent more than once (retries, re-auth after a 401). */
public record Body(String contentType, long length, Opener opener) {
  /** Opens the body's bytes from the start; the transport closes the stream. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public static Body of(String contentType, byte[] bytes) {
    return new Body(contentType, bytes.length, () -> new java.io.ByteArrayInputStream(bytes));
  }
}
