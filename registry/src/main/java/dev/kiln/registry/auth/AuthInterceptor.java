package dev.kiln.registry.auth;

import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.CredentialProvider.IssuedToken;
import dev.kiln.registry.CredentialProvider.TokenRequest;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.TransportError;
import dev.kiln.registry.http.Interceptor;
import dev.kiln.registry.http.Pipeline;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registry auth challenges. The first 401 from a host teaches its challenge (Bearer or
 * Basic); later requests to it are authorised up front. After a 401 the request is retried once
 * with fresh credentials (the provider is asked again, the cached token dropped). Thread-safe.
 */
public final class AuthInterceptor implements Interceptor {
  private final CredentialProvider credentials;
  private final TokenFetcher tokens;
  private final TokenCache cache;
  private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();

  /** {@code tokenPipeline} sends token requests (retry and transport, no auth). */
  public AuthInterceptor(CredentialProvider credentials, Pipeline tokenPipeline, Clock clock) {
    this.credentials = credentials;
    this.tokens = new TokenFetcher(tokenPipeline, clock);
    this.cache = new TokenCache(clock);
  }

  @Override
  public Response intercept(Chain chain) throws RegistryException {
    Request request = chain.request();
    String authority = request.uri().getRawAuthority();
    Challenge known = challenges.get(authority);
    Request first = known == null ? request : authorize(request, known, false).orElse(request);
    Response r = chain.proceed(first);
    if (r.status() != 401) {
      return r;
    }
    Optional<Challenge> challenge = pick(Challenge.parseAll(r.headers().allValues("WWW-Authenticate")));
    if (challenge.isEmpty()) {
      return r;
    }
    // Remember the challenge without its scope: that named this request's resource, not the next's.
    Map<String, String> params = new java.util.HashMap<>(challenge.get().params());
    params.remove("scope");
    challenges.put(authority, new Challenge(challenge.get().scheme(), params));
    Optional<Request> retry = authorize(request, challenge.get(), true);
    if (retry.isEmpty()) {
      return r; // nothing better to offer (Basic challenge, no credentials)
    }
    r.close();
    return chain.proceed(retry.get());
  }

  private static Optional<Challenge> pick(List<Challenge> challenges) {
    return challenges.stream().filter(Challenge::isBearer).findFirst()
        .or(() -> challenges.stream().filter(Challenge::isBasic).findFirst());
  }

  private Optional<Request> authorize(Request request, Challenge challenge, boolean fresh)
      throws RegistryException {
    if (challenge.isBasic()) {
      Optional<Credentials> creds = lookup(request);
      return switch (creds.orElse(null)) {
        case Credentials.RegistryToken(String token) -> Optional.of(request.withHeader("Authorization", "Bearer " + token));
        case Credentials.Basic(String user, String password) ->
            Optional.of(request.withHeader("Authorization", TokenFetcher.basic(user, password)));
        case null, default -> Optional.empty();
      };
    }
    List<String> scopes = scopes(request, challenge);
    String host = request.uri().getRawAuthority();
    if (fresh) {
      cache.invalidate(host, scopes);
    }
    Optional<Token> cached = cache.get(host, scopes);
    if (cached.isPresent()) {
      return Optional.of(bearer(request, cached.get().value()));
    }
    // The credentials' holder may fetch the token itself (BuildKit's session FetchToken): then the
    // secrets never come here. Otherwise this process runs the exchange with the credentials.
    Optional<IssuedToken> issued = ownersToken(request, challenge, scopes);
    if (issued.isEmpty()) {
      Optional<Credentials> creds = lookup(request);
      if (creds.orElse(null) instanceof Credentials.RegistryToken(String token)) {
        return Optional.of(bearer(request, token));
      }
      issued = Optional.of(tokens.fetch(challenge, creds, scopes, request.endpoint()));
    }
    Token token = Token.of(issued.get());
    cache.put(host, scopes, token);
    return Optional.of(bearer(request, token.value()));
  }

  private static Request bearer(Request request, String token) {
    return request.withHeader("Authorization", "Bearer " + token);
  }

  private Optional<IssuedToken> ownersToken(Request request, Challenge challenge, List<String> scopes)
      throws TransportError {
    String host = request.endpoint().credentialHost();
    Optional<String> realm = challenge.param("realm");
    if (realm.isEmpty()) {
      return Optional.empty(); // the fetcher reports the malformed challenge
    }
    try {
      return credentials.tokenFor(new TokenRequest(host, realm.get(), challenge.param("service").orElse(""), scopes));
    } catch (IOException e) {
      throw new TransportError(request.action(), "cannot get a token for " + host + ": " + e.getMessage(), false, e);
    }
  }

  /** The request's own scopes plus the one the registry named in its challenge, if any. */
  private static List<String> scopes(Request request, Challenge challenge) {
    LinkedHashSet<String> all = new LinkedHashSet<>(request.scopes());
    challenge.param("scope").ifPresent(s -> all.addAll(List.of(s.split(" "))));
    all.remove("");
    return new ArrayList<>(all);
  }

  private Optional<Credentials> lookup(Request request) throws TransportError {
    String host = request.endpoint().credentialHost();
    try {
      return credentials.credentialsFor(host);
    } catch (IOException e) {
      throw new TransportError(request.action(), "cannot read credentials for " + host + ": " + e.getMessage(), false, e);
    }
  }
}
