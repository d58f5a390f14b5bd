package dev.kiln.engine.source.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * An HTTP server on loopback for source tests: files with an ETag and Last-Modified that answer
 * conditional requests with 304, redirects, endpoints that fail a given number of times, and a
 * log of every request (path and conditional headers).
 */
public final class FileServer implements AutoCloseable {
  /** One request as the server saw it. */
  public record Request(String path, String ifNoneMatch, String ifModifiedSince, int status, String accept, String userAgent) {}

  private record Served(byte[] body, String etag, String lastModified, Map<String, String> headers) {}

  private final HttpServer server;
  private final Map<String, Served> files = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public FileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Serves {@code body} at {@code path}; a null etag or lastModified leaves that header out. */
  public FileServer file(String path, byte[] body, String etag, String lastModified) {
    return file(path, body, etag, lastModified, Map.of());
  }

  public FileServer file(String path, byte[] body, String etag, String lastModified, Map<String, String> headers) {
    files.put(path, new Served(body.clone(), etag, lastModified, Map.copyOf(headers)));
    return this;
  }

  public FileServer redirect(String from, String to) {
    redirects.put(from, to);
    return this;
  }

  /** The next {@code times} requests for {@code path} get 503. */
  public FileServer failing(String path, int times) {
    failuresLeft.put(path, times);
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public long count(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String inm = ex.getRequestHeaders().getFirst("If-None-Match");
      String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
      // Logged before the response goes out: the client's next request (a retry, a redirect) may
      // otherwise be handled, and logged, first.
      IntConsumer log = status -> requests.add(new Request(path, inm, ims, status,
          ex.getRequestHeaders().getFirst("Accept"), ex.getRequestHeaders().getFirst("User-Agent")));
      respond(ex, path, inm, ims, log);
    }
  }

  private static void send(HttpExchange ex, int status, long length, IntConsumer log) throws IOException {
    log.accept(status);
    ex.sendResponseHeaders(status, length);
  }

  private void respond(HttpExchange ex, String path, String inm, String ims, IntConsumer log) throws IOException {
    if (failuresLeft.merge(path, -1, Integer::sum) >= 0) {
      send(ex, 503, -1, log);
      return;
    }
    if (redirects.containsKey(path)) {
      ex.getResponseHeaders().add("Location", redirects.get(path));
      send(ex, 302, -1, log);
      return;
    }
    Served f = files.get(path);
    if (f == null) {
      send(ex, 404, -1, log);
      return;
    }
    if (f.etag() != null) ex.getResponseHeaders().add("ETag", f.etag());
    if (f.lastModified() != null) ex.getResponseHeaders().add("Last-Modified", f.lastModified());
    f.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    boolean fresh = inm != null ? inm.equals(f.etag()) : ims != null && ims.equals(f.lastModified());
    if (fresh) {
      send(ex, 304, -1, log);
      return;
    }
    send(ex, 200, f.body().length == 0 ? -1 : f.body().length, log);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(f.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
