package dev.kiln.cli.build;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Docker token auth in front of a plain registry: {@code /token} issues bearer tokens for one
 * user's Basic credentials; every other request needs such a token and is passed to the registry.
 * Records each token request as "User-Agent Authorization".
 */
final class TokenProxy implements AutoCloseable {
  final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String upstream;
  private final String basic;

  TokenProxy(String upstream, String user, String password) throws IOException {
    this.upstream = upstream;
    this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (ex.getRequestURI().getPath().equals("/token")) {
        tokenRequests.add(ex.getRequestHeaders().getFirst("User-Agent") + " " + auth);
        if (!basic.equals(auth)) {
          ex.sendResponseHeaders(401, -1);
          return;
        }
        String token = "tok-" + issued.size();
        issued.add(token);
        byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        return;
      }
      if (auth == null || !issued.contains(auth.replace("Bearer ", ""))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
            + "/token\",service=\"kiln-test\",scope=\"repository:test/base:pull\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      forward(ex);
    }
  }

  // <method> http://<upstream><path>?<query>, Accept passed on; status, type, digest and body passed back
  private void forward(HttpExchange ex) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + upstream + ex.getRequestURI()))
        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
    ex.getRequestHeaders().getOrDefault("Accept", List.of()).forEach(a -> request.header("Accept", a));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    for (String name : List.of("Content-Type", "Docker-Content-Digest")) {
      response.headers().firstValue(name).ifPresent(v -> ex.getResponseHeaders().add(name, v));
    }
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (head) {
      response.headers().firstValue("Content-Length").ifPresent(v -> ex.getResponseHeaders().add("Content-Length", v));
    }
    ex.sendResponseHeaders(response.statusCode(), head || response.body().length == 0 ? -1 : response.body().length);
    if (!head) ex.getResponseBody().write(response.body());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
