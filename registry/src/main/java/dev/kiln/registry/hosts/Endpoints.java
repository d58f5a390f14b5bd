package dev.kiln.registry.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a registry name into the endpoints to try, in order. Pulls go to the host's mirrors first,
 * then the origin; pushes go to the origin only. An origin is HTTPS, except: {@code http = true}
 * means plain HTTP only; {@code insecure = true} means HTTPS without verification, then plain HTTP
 * (dockerd's insecure-registry behaviour); an unconfigured loopback host means plain HTTP, then
 * unverified HTTPS (BuildKit and dockerd reach {@code localhost} registries over HTTP directly). Thread-safe; HTTP clients are built once per TLS setting and shared.
 */
public final class Endpoints implements AutoCloseable {
  private static final String DOCKER_HUB = "docker.io";
  private static final String DOCKER_HUB_API = "registry-1.docker.io";

  private final HostsConfig config;
  private final Duration connectTimeout;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  /** The JDK's trust store, loaded once an HTTPS endpoint is about to be used. */
  private final DefaultTrust defaultTrust = new DefaultTrust();

  public Endpoints(HostsConfig config, Duration connectTimeout) {
    this.config = config;
    this.connectTimeout = connectTimeout;
  }

  /** Whether the JDK's trust store was loaded: only HTTPS endpoints with verification need it. */
  boolean trustStoreLoaded() {
    return defaultTrust.isLoaded();
  }

  /** Mirrors of {@code registry} (as configured), then the registry itself. */
  public List<Endpoint> forPull(String registry) throws IOException {
    List<Endpoint> out = new ArrayList<>();
    for (String mirror : config.forHost(registry).mirrors()) {
      String host = mirror.replaceFirst("^https?://", "").replaceFirst("/+$", "");
      out.addAll(origin(host, true, mirror.startsWith("http://")));
    }
    out.addAll(forPush(registry));
    return out;
  }

  /** The registry itself (with its plain-HTTP fallback, if any). */
  public List<Endpoint> forPush(String registry) throws IOException {
    return origin(registry, false, false);
  }

  private List<Endpoint> origin(String registry, boolean mirror, boolean forceHttp)
      throws IOException {
    HostConfig host = config.forHost(registry);
    String apiHost = registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    if (host.http() || forceHttp) {
      return List.of(endpoint("http", apiHost, registry, mirror, host, false));
    }
    if (Loopback.isLoopback(registry) && !host.customTls() && !host.insecure()) {
      // Like BuildKit and dockerd: a local registry is usually plain HTTP, so try that first;
      // HTTPS (unverified) is the fallback for local registries that do serve TLS.
      return List.of(
          endpoint("http", apiHost, registry, mirror, host, false),
          endpoint("https", apiHost, registry, mirror, host, true));
    }
    Endpoint https = endpoint("https", apiHost, registry, mirror, host, host.insecure());
    if (!host.insecure()) {
      return List.of(https);
    }
    return List.of(https, endpoint("http", apiHost, registry, mirror, host, false));
  }

  private Endpoint endpoint(
      String scheme, String apiHost, String credentialHost, boolean mirror, HostConfig host,
      boolean skipVerify)
      throws IOException {
    URI base = URI.create(scheme + "://" + apiHost);
    if (scheme.equals("https") && !skipVerify) {
      // Its handshake needs the trust store: loading it now overlaps the lookup and the connect.
      defaultTrust.preload();
    }
    return new Endpoint(base, client(host, skipVerify), mirror, credentialHost);
  }

  private HttpClient client(HostConfig host, boolean skipVerify) throws IOException {
    String key = skipVerify + "|" + host.ca() + "|" + host.keypairs();
    try {
      return clients.computeIfAbsent(key, k -> build(host, skipVerify));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private HttpClient build(HostConfig host, boolean skipVerify) {
    try {
      HttpClient.Builder b =
          HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              // Redirects are followed by an interceptor, which drops credentials across hosts.
              .followRedirects(HttpClient.Redirect.NEVER);
      // Always a context of ours: the JDK's default one loads the trust store as the client is
      // built, which a plain-HTTP client only needs if a redirect leads to HTTPS.
      b.sslContext(TlsContexts.create(host, skipVerify, defaultTrust));
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the clients' selector threads. An open client keeps a thread blocked in native code, and
   * the JVM waits up to 300 ms for such threads when a process exits.
   */
  @Override
  public void close() {
    clients.values().forEach(HttpClient::shutdownNow);
    clients.clear();
  }
}
