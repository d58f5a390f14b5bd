package dev.kiln.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.registry.CredentialProvider.IssuedToken;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.Rejected;
import dev.kiln.registry.RegistryException.Unauthorized;
import dev.kiln.registry.hosts.Endpoint;
import dev.kiln.registry.http.Body;
import dev.kiln.registry.http.Pipeline;
import dev.kiln.registry.http.Request;
import dev.kiln.registry.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Gets a bearer token from a challenge's realm (Docker token spec): {@code GET
 * <realm>?service=…&scope=…} with Basic credentials, or, for an identity token, the OAuth2 form
 * {@code POST <realm>} with {@code grant_type=refresh_token}.
 */
final class TokenFetcher {
  /** Made on the first token: a daemon builds this fetcher at start and may never pull (375 classes). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final Pipeline pipeline;
  private final Clock clock;

  TokenFetcher(Pipeline pipeline, Clock clock) {
    this.pipeline = pipeline;
    this.clock = clock;
  }

  IssuedToken fetch(Challenge challenge, Optional<Credentials> creds, List<String> scopes, Endpoint registry)
      throws RegistryException {
    String realm = challenge.param("realm").orElseThrow(() -> new Rejected(
        "authenticate to " + registry.base(), 401, "Bearer challenge without a realm"));
    String action = "get a token for " + String.join(" ", scopes) + " from " + realm;
    URI realmUri = URI.create(realm);
    Endpoint tokenEndpoint = new Endpoint(
        URI.create(realmUri.getScheme() + "://" + realmUri.getRawAuthority()), registry.client(),
        false, registry.credentialHost());
    Request request = switch (creds.orElse(null)) {
      case Credentials.IdentityToken(String refresh) -> oauthPost(tokenEndpoint, realmUri, challenge, scopes, refresh, action);
      case Credentials.Basic(String user, String password) -> get(tokenEndpoint, realmUri, challenge, scopes, action)
          .withHeader("Authorization", basic(user, password));
      case null, default -> get(tokenEndpoint, realmUri, challenge, scopes, action);
    };
    try (Response r = pipeline.execute(request)) {
      if (r.status() == 401 || r.status() == 403) {
        throw new Unauthorized(action, registry.credentialHost(), r.status(),
            (creds.isPresent() ? "the credentials for " + registry.credentialHost() + " were rejected"
                : "anonymous access refused") + " by the token server (" + r.bodySnippet()
                + ") — run `docker login " + registry.credentialHost() + "`");
      }
      if (!r.successful()) {
        throw new Rejected(action, r.status(), "token server answered " + r.status() + ": " + r.bodySnippet());
      }
      return parse(action, r.readBody(1 << 20));
    } catch (IOException e) {
      throw e instanceof RegistryException re ? re : new Rejected(action, 200, "unreadable token response: " + e.getMessage());
    }
  }

  private static Request get(Endpoint ep, URI realm, Challenge c, List<String> scopes, String action) {
    List<String> query = new ArrayList<>();
    c.param("service").ifPresent(s -> query.add("service=" + enc(s)));
    scopes.forEach(s -> query.add("scope=" + enc(s)));
    String sep = realm.getRawQuery() == null ? "?" : "&";
    String target = realm + (query.isEmpty() ? "" : sep + String.join("&", query));
    // GET <realm>?service=<service>&scope=repository:<name>:pull[,push]
    return Request.of("GET", List.of(ep), target, List.of(), action);
  }

  private static Request oauthPost(
      Endpoint ep, URI realm, Challenge c, List<String> scopes, String refresh, String action) {
    String form = "grant_type=refresh_token&client_id=kiln&refresh_token=" + enc(refresh)
        + c.param("service").map(s -> "&service=" + enc(s)).orElse("")
        + (scopes.isEmpty() ? "" : "&scope=" + enc(String.join(" ", scopes)));
    // POST <realm>  (application/x-www-form-urlencoded, OAuth2 refresh-token grant)
    return Request.of("POST", List.of(ep), realm.toString(), List.of(), action)
        .withBody(Body.of("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8)));
  }

  private IssuedToken parse(String action, byte[] body) throws IOException {
    JsonNode json = Json.MAPPER.readTree(body);
    String token = json.path("token").asText(json.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new Rejected(action, 200, "token response has neither token nor access_token");
    }
    return new IssuedToken(token, Duration.ofSeconds(json.path("expires_in").asLong(0)), clock.instant());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
