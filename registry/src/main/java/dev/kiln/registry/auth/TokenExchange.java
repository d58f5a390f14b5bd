package dev.kiln.registry.auth;

import dev.kiln.registry.CredentialProvider.IssuedToken;
import dev.kiln.registry.CredentialProvider.TokenRequest;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryListener;
import dev.kiln.registry.hosts.Endpoint;
import dev.kiln.registry.http.Backoff;
import dev.kiln.registry.http.Pipeline;
import dev.kiln.registry.http.RedirectInterceptor;
import dev.kiln.registry.http.RetryInterceptor;
import dev.kiln.registry.http.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker token exchange on its own, for a process that holds credentials but talks to no
 * registry: a build's client answering the session's {@code FetchToken}. Same requests as the
 * registry client's own exchange (GET with Basic, OAuth refresh-token POST for identity tokens).
 * Thread-safe.
 */
public final class TokenExchange {
  /** Sent to token servers, so that their logs tell a client's exchange from a daemon's. */
  public static final String USER_AGENT = "kiln-client/0.1";

  private final TokenFetcher fetcher;
  private final HttpClient http;

  private TokenExchange(TokenFetcher fetcher, HttpClient http) {
    this.fetcher = fetcher;
    this.http = http;
  }

  public static TokenExchange create() {
    Transport transport = new Transport(Duration.ofSeconds(60), USER_AGENT);
    Pipeline pipeline = new Pipeline(List.of(new RetryInterceptor(Backoff.DEFAULT, RegistryListener.NONE),
        new RedirectInterceptor()), transport);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return new TokenExchange(new TokenFetcher(pipeline, Clock.systemUTC()), http);
  }

  /** A token for {@code request}, fetched with {@code credentials} (anonymously when empty). */
  public IssuedToken fetch(TokenRequest request, Optional<Credentials> credentials) throws RegistryException {
    Map<String, String> params = new HashMap<>();
    params.put("realm", request.realm());
    if (!request.service().isEmpty()) params.put("service", request.service());
    Endpoint registry = new Endpoint(URI.create("https://" + request.host()), http, false, request.host());
    return fetcher.fetch(new Challenge("bearer", params), credentials, request.scopes(), registry);
  }
}
