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
      int status = respond(ex, path, inm, ims);
      requests.add(new Request(path, inm, ims, status, ex.getRequestHeaders().getFirst("Accept"),
          ex.getRequestHeaders().getFirst("User-Agent")));
    }
  }

  private int respond(HttpExchange ex, String path, String inm, String ims) throws IOException {
    if (failuresLeft.merge(path, -1, Integer::sum) >= 0) {
      ex.sendResponseHeaders(503, -1);
      return 503;
    }
    if (redirects.containsKey(path)) {
      ex.getResponseHeaders().add("Location", redirects.get(path));
      ex.sendResponseHeaders(302, -1);
      return 302;
    }
    Served f = files.get(path);
    if (f == null) {
      ex.sendResponseHeaders(404, -1);
      return 404;
    }
    if (f.etag() != null) ex.getResponseHeaders().add("ETag", f.etag());
    if (f.lastModified() != null) ex.getResponseHeaders().add("Last-Modified", f.lastModified());
    f.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    boolean fresh = inm != null ? inm.equals(f.etag()) : ims != null && ims.equals(f.lastModified());
    if (fresh) {
      ex.sendResponseHeaders(304, -1);
      return 304;
    }
    ex.sendResponseHeaders(200, f.body().length == 0 ? -1 : f.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(f.body());
    }
    return 200;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
