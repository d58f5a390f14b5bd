package dev.kiln.engine.source.testing;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * Git's smart HTTP protocol on loopback: {@code git http-backend} run as a CGI behind the JDK
 * server. {@code /repo/<name>.git} is open; {@code /private/<name>.git} needs basic auth as
 * {@code x-access-token:<token>}. Every request is logged by kind: {@code refs} (the ref
 * advertisement, i.e. ls-remote), {@code ls-refs} (protocol v2 listing) or {@code fetch}.
 */
public final class GitHttpServer implements AutoCloseable {
  /** One request: its repository path and kind. */
  public record Request(String path, String kind) {}

  private final HttpServer server;
  private final Path projectRoot;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public GitHttpServer(Path projectRoot, String token) throws IOException {
    this.projectRoot = projectRoot;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/repo/", ex -> handle(ex, "/repo"));
    server.createContext("/private/", ex -> handle(ex, "/private")).setAuthenticator(new BasicAuthenticator("git") {
      @Override
      public boolean checkCredentials(String user, String password) {
        return user.equals("x-access-token") && password.equals(token);
      }
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/repo/<name>.git} */
  public String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo/" + name + ".git";
  }

  public String privateUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/private/" + name + ".git";
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
  }

  private void handle(HttpExchange ex, String context) throws IOException {
    try (ex) {
      String pathInfo = ex.getRequestURI().getRawPath().substring(context.length());
      String query = ex.getRequestURI().getRawQuery();
      byte[] body = ex.getRequestBody().readAllBytes();
      requests.add(new Request(pathInfo, kind(ex, pathInfo, body)));
      ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
      Map<String, String> env = pb.environment();
      env.put("GIT_PROJECT_ROOT", projectRoot.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("REQUEST_METHOD", ex.getRequestMethod());
      env.put("PATH_INFO", pathInfo);
      env.put("QUERY_STRING", query == null ? "" : query);
      env.put("REMOTE_ADDR", "127.0.0.1");
      env.put("CONTENT_LENGTH", Integer.toString(body.length));
      header(ex, "Content-Type").ifPresent(v -> env.put("CONTENT_TYPE", v));
      header(ex, "Content-Encoding").ifPresent(v -> env.put("HTTP_CONTENT_ENCODING", v));
      header(ex, "Git-Protocol").ifPresent(v -> env.put("GIT_PROTOCOL", v));
      if (ex.getPrincipal() != null) env.put("REMOTE_USER", ex.getPrincipal().getUsername());
      Process p = pb.start();
      Thread.startVirtualThread(() -> {
        try (OutputStream in = p.getOutputStream()) {
          in.write(body);
        } catch (IOException ignored) {
          // the backend exited early; its output says why
        }
      });
      respond(ex, p.getInputStream());
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Copies a CGI response: header lines, a blank line, then the body. */
  private static void respond(HttpExchange ex, InputStream cgi) throws IOException {
    int status = 200;
    for (String line; !(line = readLine(cgi)).isEmpty(); ) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) status = Integer.parseInt(value.split(" ")[0]);
      else ex.getResponseHeaders().add(name, value);
    }
    ex.sendResponseHeaders(status, 0);
    try (OutputStream out = ex.getResponseBody()) {
      cgi.transferTo(out);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
      if (b != '\r') line.write(b);
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static java.util.Optional<String> header(HttpExchange ex, String name) {
    return java.util.Optional.ofNullable(ex.getRequestHeaders().getFirst(name));
  }

  private static String kind(HttpExchange ex, String pathInfo, byte[] body) throws IOException {
    if (pathInfo.endsWith("/info/refs")) return "refs";
    byte[] plain = body;
    if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
      plain = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
    }
    return new String(plain, StandardCharsets.ISO_8859_1).contains("command=ls-refs") ? "ls-refs" : "fetch";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
