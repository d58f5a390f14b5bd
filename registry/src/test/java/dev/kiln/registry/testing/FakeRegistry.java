package dev.kiln.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 that misbehaves on purpose: each test installs a handler. Records
 * every request as "METHOD path?query [Authorization]" for assertions.
 */
public final class FakeRegistry implements AutoCloseable {
  /** Handles one exchange; may throw to drop the connection. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  public final List<String> requests = new CopyOnWriteArrayList<>();

  public FakeRegistry(Handler handler) throws IOException {
    this("127.0.0.1", handler);
  }

  /** Listens on {@code address} (any of 127.0.0.0/8 works on Linux). */
  public FakeRegistry(String address, Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + (auth == null ? "" : " [" + auth + "]"));
      try {
        handler.handle(ex);
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  public String host() {
    return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  public long count(String prefix) {
    return requests.stream().filter(r -> r.startsWith(prefix)).count();
  }

  /** Sends {@code status} with {@code body} (HEAD gets headers only). */
  public static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
