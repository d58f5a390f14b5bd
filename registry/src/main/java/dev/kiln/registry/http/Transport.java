package dev.kiln.registry.http;

import dev.kiln.registry.RegistryException.TransportError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Sends one request with the endpoint's {@link HttpClient}, body streamed both ways. Turns I/O
 * failures into {@link TransportError}s that say whether a retry could help and what to check.
 */
public final class Transport {
  private final Duration responseTimeout;
  private final String userAgent;

  /** {@code responseTimeout} bounds the wait for response headers, not the body transfer. */
  public Transport(Duration responseTimeout, String userAgent) {
    this.responseTimeout = responseTimeout;
    this.userAgent = userAgent;
  }

  public Response send(Request request) throws TransportError {
    HttpRequest http = toHttp(request);
    try {
      HttpResponse<InputStream> r =
          request.endpoint().client().send(http, HttpResponse.BodyHandlers.ofInputStream());
      return new Response(r.statusCode(), r.headers(), r.body(), request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportError(request.action(), "interrupted", false, e);
    } catch (IOException | UncheckedIOException | UnresolvedAddressException e) {
      throw classify(request, e);
    }
  }

  private HttpRequest toHttp(Request request) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.uri()).timeout(responseTimeout).header("User-Agent", userAgent);
    if (request.endpoint().plainHttp()) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-HTTP registries
    }
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    HttpRequest.BodyPublisher publisher =
        request.body().map(Transport::publisher).orElse(HttpRequest.BodyPublishers.noBody());
    request.body().ifPresent(body -> b.header("Content-Type", body.contentType()));
    return b.method(request.method(), publisher).build();
  }

  private static HttpRequest.BodyPublisher publisher(Body body) {
    if (body.length() == 0) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(
            () -> {
              try {
                return body.opener().open();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    // A known length means Content-Length instead of chunked encoding, which some registries need.
    return HttpRequest.BodyPublishers.fromPublisher(stream, body.length());
  }

  static TransportError classify(Request request, Throwable e) {
    String target = request.endpoint().base().toString();
    String host = request.endpoint().credentialHost();
    Throwable root = rootCause(e);
    if (e instanceof HttpConnectTimeoutException) {
      return new TransportError(request.action(), "connecting to " + target + " timed out", true, e);
    }
    if (e instanceof HttpTimeoutException) {
      return new TransportError(request.action(), target + " sent no response in time", true, e);
    }
    if (findCause(e, ConnectException.class) && !(e instanceof HttpConnectTimeoutException)) {
      return new TransportError(request.action(),
          "cannot connect to " + target + " (connection refused) — is the registry running?",
          false, e);
    }
    if (findCause(e, UnknownHostException.class) || findCause(e, UnresolvedAddressException.class)) {
      return new TransportError(request.action(), "cannot resolve " + target + " — check the host name", false, e);
    }
    if (findCause(e, SSLException.class)) {
      return new TransportError(request.action(),
          "TLS with " + target + " failed (" + root.getMessage() + ") — for a private CA add"
              + " ca = [\"ca.pem\"], for a plain-HTTP registry http = true, under [registry.\""
              + host + "\"] in kilnd.toml",
          false, e);
    }
    return new TransportError(request.action(),
        "connection to " + target + " failed: " + root.getClass().getSimpleName() + ": " + root.getMessage(),
        true, e);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean findCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
