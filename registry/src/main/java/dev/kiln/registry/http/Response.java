package dev.kiln.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A response whose body is still a stream. The receiver must {@link #close()} it (or read it to
 * the end); {@code request} is the request as finally sent (after auth, redirects, fallback).
 */
public record Response(int status, HttpHeaders headers, InputStream body, Request request)
    implements AutoCloseable {
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** Reads at most {@code limit} bytes of the body and closes it. */
  public byte[] readBody(int limit) throws IOException {
    try (InputStream in = body) {
      byte[] data = in.readNBytes(limit + 1);
      if (data.length > limit) {
        throw new IOException("response body larger than " + limit + " bytes");
      }
      return data;
    }
  }

  /** The start of the body as text, for error messages; never throws. */
  public String bodySnippet() {
    try (InputStream in = body) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
