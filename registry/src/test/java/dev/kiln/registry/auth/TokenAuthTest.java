package dev.kiln.registry.auth;

import static dev.kiln.registry.testing.FakeRegistry.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.client.DistributionClient;
import dev.kiln.registry.testing.FakeRegistry;
import dev.kiln.registry.testing.RecordingSink;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry with Docker token auth, emulated end to end: challenge, token endpoint, resource. */
class TokenAuthTest {
  static final byte[] BLOB = "token-protected bytes".getBytes(StandardCharsets.UTF_8);
  static final Descriptor D = Descriptor.of(MediaTypes.OCI_LAYER, BLOB);

  final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  final AtomicInteger issued = new AtomicInteger();
  volatile boolean requireLogin;
  FakeRegistry server;
  MutableClock clock = new MutableClock();

  @BeforeEach
  void start() throws IOException {
    server = new FakeRegistry(this::handle);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void handle(HttpExchange ex) throws IOException {
    if (ex.getRequestURI().getPath().equals("/token")) {
      token(ex);
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !validTokens.contains(auth.replace("Bearer ", ""))) {
      String scope = ex.getRequestMethod().equals("PUT") ? "pull,push" : "pull";
      ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + server.host()
          + "/token\",service=\"fake-registry\",scope=\"repository:team/app:" + scope + "\"");
      reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
      return;
    }
    if (ex.getRequestMethod().equals("PUT")) {
      reply(ex, 201, new byte[0]);
    } else {
      reply(ex, 200, BLOB);
    }
  }

  private void token(HttpExchange ex) throws IOException {
    String query = ex.getRequestMethod().equals("POST")
        ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
        : ex.getRequestURI().getRawQuery();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    tokenRequests.add(ex.getRequestMethod() + " " + URLDecoder.decode(query, StandardCharsets.UTF_8) + (auth == null ? "" : " " + auth));
    boolean loggedIn = auth != null || query.contains("refresh_token=");
    if (requireLogin && !loggedIn) {
      reply(ex, 401, "{\"details\":\"login required\"}".getBytes());
      return;
    }
    String token = "tok-" + issued.incrementAndGet();
    validTokens.add(token);
    reply(ex, 200, ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes());
  }

  RegistryClient client(CredentialProvider creds) {
    return DistributionClient.builder().credentials(creds).clock(clock).build();
  }

  ImageRef repo() {
    return ImageRef.parse(server.host() + "/team/app");
  }

  byte[] fetch(RegistryClient c) throws IOException {
    RecordingSink sink = new RecordingSink();
    c.fetchBlob(repo(), D, sink);
    return sink.bytes();
  }

  @Test
  void anonymousTokenIsFetchedOnceAndReused() throws IOException {
    RegistryClient c = client(CredentialProvider.ANONYMOUS);
    assertThat(fetch(c)).isEqualTo(BLOB);
    assertThat(fetch(c)).isEqualTo(BLOB);
    assertThat(fetch(c)).isEqualTo(BLOB);
    assertThat(tokenRequests).containsExactly("GET service=fake-registry&scope=repository:team/app:pull");
    assertThat(server.count("GET /v2/")).isEqualTo(4); // one 401, then three authorised
  }

  @Test
  void expiredTokensAreRenewed() throws IOException {
    RegistryClient c = client(CredentialProvider.ANONYMOUS);
    fetch(c);
    clock.advance(Duration.ofSeconds(200));
    fetch(c);
    assertThat(issued).hasValue(1);
    clock.advance(Duration.ofSeconds(200));
    fetch(c);
    assertThat(issued).hasValue(2);
  }

  @Test
  void basicCredentialsGoToTheTokenServer() throws IOException {
    requireLogin = true;
    assertThat(fetch(client(host -> Optional.of(new Credentials.Basic("alice", "pw"))))).isEqualTo(BLOB);
    assertThat(tokenRequests).singleElement().asString().endsWith(" Basic YWxpY2U6cHc=");
  }

  @Test
  void identityTokensUseTheOAuthRefreshGrant() throws IOException {
    requireLogin = true;
    assertThat(fetch(client(host -> Optional.of(new Credentials.IdentityToken("refresh-123")))))
        .isEqualTo(BLOB);
    assertThat(tokenRequests).singleElement().asString()
        .startsWith("POST grant_type=refresh_token&client_id=kiln&refresh_token=refresh-123&service=fake-registry&scope=repository:team/app:pull");
  }

  @Test
  void tokenServerRefusalSaysHowToLogIn() {
    requireLogin = true;
    assertThatThrownBy(() -> fetch(client(CredentialProvider.ANONYMOUS)))
        .isInstanceOf(RegistryException.Unauthorized.class)
        .hasMessageContaining("anonymous access refused by the token server")
        .hasMessageContaining("run `docker login " + server.host() + "`");
  }

  @Test
  void a401WithACachedTokenRetriesOnceWithFreshCredentials() throws IOException {
    AtomicInteger lookups = new AtomicInteger();
    RegistryClient c = client(host -> {
      lookups.incrementAndGet();
      return Optional.empty();
    });
    fetch(c);
    int before = lookups.get();
    validTokens.clear(); // the registry revokes every token it issued
    assertThat(fetch(c)).isEqualTo(BLOB);
    assertThat(issued).hasValue(2);
    assertThat(lookups.get()).isEqualTo(before + 1); // asked again after the 401, for the new token only
  }

  @Test
  void aTokenFromTheCredentialsOwnerIsUsedWithoutAskingForCredentials() throws IOException {
    validTokens.add("owner-token");
    List<CredentialProvider.TokenRequest> asked = new CopyOnWriteArrayList<>();
    AtomicInteger lookups = new AtomicInteger();
    CredentialProvider owner = new CredentialProvider() {
      @Override
      public Optional<Credentials> credentialsFor(String host) {
        lookups.incrementAndGet();
        return Optional.empty();
      }

      @Override
      public Optional<IssuedToken> tokenFor(TokenRequest request) {
        asked.add(request);
        return Optional.of(new IssuedToken("owner-token", Duration.ofSeconds(300), clock.instant()));
      }
    };
    RegistryClient c = client(owner);
    assertThat(fetch(c)).isEqualTo(BLOB);
    assertThat(fetch(c)).isEqualTo(BLOB); // cached: the owner is asked once
    assertThat(asked).containsExactly(new CredentialProvider.TokenRequest(server.host(), "http://" + server.host() + "/token",
        "fake-registry", List.of("repository:team/app:pull")));
    assertThat(lookups).hasValue(0);
    assertThat(tokenRequests).isEmpty();
  }

  @Test
  void pushAsksForPushScope() throws IOException {
    RegistryClient c = client(CredentialProvider.ANONYMOUS);
    c.pushManifest(ImageRef.parse(server.host() + "/team/app:1"), MediaTypes.OCI_MANIFEST, "{}".getBytes());
    assertThat(tokenRequests).singleElement().asString().contains("scope=repository:team/app:pull,push");
  }

  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
