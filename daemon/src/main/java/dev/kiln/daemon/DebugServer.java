package dev.kiln.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * kilnd's debug address (buildkitd's {@code debugAddress}): plain HTTP with {@code /debug/health}
 * and {@code /debug/threads} (a stack dump of every thread), for operators on the host only.
 */
final class DebugServer {
  private DebugServer() {}

  /** @param address {@code HOST:PORT} */
  static HttpServer start(String address) throws IOException {
    int colon = address.lastIndexOf(':');
    if (colon < 0) throw new IllegalArgumentException("debug address '" + address + "': use HOST:PORT");
    HttpServer server = HttpServer.create(new InetSocketAddress(address.substring(0, colon),
        Integer.parseInt(address.substring(colon + 1))), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/debug/health", exchange -> reply(exchange, "ok\n"));
    server.createContext("/debug/threads", exchange -> reply(exchange, threadDump()));
    server.start();
    return server;
  }

  private static String threadDump() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      out.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
      for (StackTraceElement frame : e.getValue()) out.append("    at ").append(frame).append('\n');
      out.append('\n');
    }
    return out.toString();
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
