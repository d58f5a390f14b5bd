package dev.kiln.session.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.registry.ByteArraySink;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.client.DistributionClient;
import dev.kiln.session.SessionHarness;
import dev.kiln.session.tunnel.ClientSession;
import dev.kiln.session.tunnel.DaemonSession;
import io.grpc.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session registry auth as BuildKit runs it: a registry with Docker token auth whose token server
 * wants alice's password, which only the client has. With client-side tokens the daemon gets a
 * token through GetTokenAuthority + FetchToken and never asks for the credentials; without them
 * (BUILDKIT_NO_CLIENT_TOKEN) it falls back to Credentials and runs the exchange itself.
 */
class ClientTokenTest {
  private static final byte[] BLOB = "behind a token".getBytes(StandardCharsets.UTF_8);
  private static final Descriptor D = Descriptor.of(MediaTypes.OCI_LAYER, BLOB);
  private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));

  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final AtomicInteger credentialLookups = new AtomicInteger();
  private HttpServer registry;
  private SessionHarness harness;

  @BeforeEach
  void start() throws IOException {
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    registry.createContext("/", this::handle);
    registry.start();
    harness = new SessionHarness();
  }

  @AfterEach
  void stop() {
    harness.close();
    registry.stop(0);
  }

  private String host() {
    return "127.0.0.1:" + registry.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (ex.getRequestURI().getPath().equals("/token")) {
        tokenRequests.add(ex.getRequestURI().getRawQuery() + " " + auth);
        if (!ALICE.equals(auth)) {
          ex.sendResponseHeaders(401, -1);
          return;
        }
        String token = "tok-" + issued.size();
        issued.add(token);
        send(ex, 200, ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
      } else if (auth != null && issued.contains(auth.replace("Bearer ", ""))) {
        send(ex, 200, BLOB);
      } else {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
            + "/token\",service=\"test-registry\",scope=\"repository:team/app:pull\"");
        ex.sendResponseHeaders(401, -1);
      }
    }
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }

  /** The daemon's registry auth over one session, as the daemon's SessionCredentials asks it. */
  private CredentialProvider daemonSide(Channel channel, byte[] salt) {
    return new CredentialProvider() {
      @Override
      public Optional<Credentials> credentialsFor(String host) throws IOException {
        credentialLookups.incrementAndGet();
        return AuthClient.credentials(channel, host);
      }

      @Override
      public Optional<IssuedToken> tokenFor(TokenRequest request) throws IOException {
        return AuthClient.token(channel, request, salt);
      }
    };
  }

  private byte[] pull(CredentialProvider credentials) throws IOException {
    ByteArraySink sink = new ByteArraySink();
    DistributionClient.builder().credentials(credentials).build().fetchBlob(ImageRef.parse(host() + "/team/app"), D, sink);
    return sink.bytes();
  }

  private CredentialProvider alice() {
    return host -> host.equals(host()) ? Optional.of(new Credentials.Basic("alice", "pw")) : Optional.empty();
  }

  @Test
  @SuppressWarnings("try")
  void theClientFetchesTheTokenAndTheDaemonNeverSeesTheSecret() throws Exception {
    try (ClientSession client = harness.open("auth1", List.of(new AuthProvider(alice(), true)))) {
      DaemonSession daemon = harness.next();
      assertThat(pull(daemonSide(daemon.channel(), "salt".getBytes(StandardCharsets.UTF_8)))).isEqualTo(BLOB);
      assertThat(credentialLookups).hasValue(0);
      assertThat(tokenRequests).containsExactly("service=test-registry&scope=repository%3Ateam%2Fapp%3Apull " + ALICE);
    }
  }

  @Test
  @SuppressWarnings("try")
  void withoutClientTokensTheDaemonAsksForCredentials() throws Exception {
    try (ClientSession client = harness.open("auth2", List.of(new AuthProvider(alice(), false)))) {
      DaemonSession daemon = harness.next();
      assertThat(pull(daemonSide(daemon.channel(), new byte[32]))).isEqualTo(BLOB);
      assertThat(credentialLookups.get()).isPositive();
      assertThat(tokenRequests).singleElement().asString().endsWith(ALICE);
    }
  }

  @Test
  @SuppressWarnings("try")
  void aRefusedClientTokenIsReportedWithTheTokenServersAnswer() throws Exception {
    CredentialProvider wrong = host -> Optional.of(new Credentials.Basic("alice", "wrong"));
    try (ClientSession client = harness.open("auth3", List.of(new AuthProvider(wrong, true)))) {
      DaemonSession daemon = harness.next();
      assertThatThrownBy(() -> pull(daemonSide(daemon.channel(), new byte[32])))
          .hasMessageContaining("the client could not get a token for " + host())
          .hasMessageContaining("rejected by the token server");
      assertThat(credentialLookups).hasValue(0);
    }
  }
}
