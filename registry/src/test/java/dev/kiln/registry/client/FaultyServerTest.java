package dev.kiln.registry.client;

import static dev.kiln.registry.testing.FakeRegistry.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryListener;
import dev.kiln.registry.http.Backoff;
import dev.kiln.registry.testing.FakeRegistry;
import dev.kiln.registry.testing.RecordingSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Digest checks, resume and retries against servers that misbehave in specific ways. */
class FaultyServerTest {
  static final byte[] BLOB = "the quick brown fox jumps over the lazy dog, twice over".repeat(100).getBytes(StandardCharsets.UTF_8);
  static final Descriptor D = Descriptor.of(MediaTypes.OCI_LAYER, BLOB);

  final List<String> retries = new CopyOnWriteArrayList<>();
  final RegistryListener listener = new RegistryListener() {
    @Override
    public void retrying(String action, int attempt, int max, Duration delay, String reason) {
      retries.add(attempt + "/" + max + " " + action + ": " + reason);
    }
  };

  RegistryClient client() {
    return DistributionClient.builder().credentials(CredentialProvider.ANONYMOUS).listener(listener)
        .backoff(new Backoff(5, Duration.ofMillis(5), Duration.ofMillis(20))).build();
  }

  static ImageRef repo(FakeRegistry fake) {
    return ImageRef.parse(fake.host() + "/fake/repo");
  }

  @Test
  void wrongBytesOfTheRightLengthAreAMismatchAndDiscarded() throws IOException {
    byte[] wrong = BLOB.clone();
    wrong[10] ^= 1;
    try (var fake = new FakeRegistry(ex -> reply(ex, 200, wrong))) {
      RecordingSink sink = new RecordingSink();
      assertThatThrownBy(() -> client().fetchBlob(repo(fake), D, sink))
          .isInstanceOfSatisfying(RegistryException.DigestMismatch.class, e -> {
            assertThat(e.expected()).isEqualTo(D.digest());
            assertThat(e.actual()).contains(Descriptor.of("x", wrong).digest());
          })
          .hasMessageContaining("fetch blob " + D.digest())
          .hasMessageContaining("served wrong data");
      assertThat(sink.discards).isEqualTo(1);
      assertThat(sink.commits).isZero();
    }
  }

  @Test
  void aLongerBodyIsAMismatchWithoutReadingItAll() throws IOException {
    byte[] longer = Arrays.copyOf(BLOB, BLOB.length * 50);
    try (var fake = new FakeRegistry(ex -> reply(ex, 200, longer))) {
      RecordingSink sink = new RecordingSink();
      assertThatThrownBy(() -> client().fetchBlob(repo(fake), D, sink))
          .isInstanceOf(RegistryException.DigestMismatch.class)
          .hasMessageContaining("more than the " + BLOB.length + " bytes");
      assertThat(sink.discards).isEqualTo(1);
    }
  }

  @Test
  void truncatedBodiesAreResumedWithRange() throws IOException {
    try (var fake = new FakeRegistry(ex -> {
      String range = ex.getRequestHeaders().getFirst("Range");
      int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
      int to = Math.min(BLOB.length, from + 1000); // at most 1000 bytes per response
      byte[] part = Arrays.copyOfRange(BLOB, from, to);
      if (range != null) {
        ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (BLOB.length - 1) + "/" + BLOB.length);
      }
      reply(ex, range == null ? 200 : 206, part);
    })) {
      RecordingSink sink = new RecordingSink();
      RegistryClient c = DistributionClient.builder().credentials(CredentialProvider.ANONYMOUS).listener(listener)
          .backoff(new Backoff(10, Duration.ofMillis(1), Duration.ofMillis(2))).build();
      c.fetchBlob(repo(fake), D, sink);
      assertThat(sink.bytes()).isEqualTo(BLOB);
      assertThat(sink.opens).containsExactly(0L, 1000L, 2000L, 3000L, 4000L, 5000L);
      assertThat(retries).hasSize(5).allMatch(r -> r.contains("body ended at byte"));
    }
  }

  @Test
  void aConnectionDroppedMidBodyIsResumed() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    try (var fake = new FakeRegistry(ex -> {
      String range = ex.getRequestHeaders().getFirst("Range");
      if (calls.incrementAndGet() == 1) {
        ex.sendResponseHeaders(200, BLOB.length); // promise everything, send half, hang up
        OutputStream out = ex.getResponseBody();
        out.write(BLOB, 0, 2000);
        out.flush();
        throw new IOException("simulated reset");
      }
      int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (BLOB.length - 1) + "/" + BLOB.length);
      reply(ex, 206, Arrays.copyOfRange(BLOB, from, BLOB.length));
    })) {
      RecordingSink sink = new RecordingSink();
      client().fetchBlob(repo(fake), D, sink);
      assertThat(sink.bytes()).isEqualTo(BLOB);
      assertThat(sink.commits).isEqualTo(1);
      assertThat(retries).singleElement().asString().contains("interrupted at byte");
    }
  }

  @Test
  void aServerIgnoringRangeMakesTheClientStartOver() throws IOException {
    try (var fake = new FakeRegistry(ex -> reply(ex, 200, BLOB))) {
      RecordingSink sink = new RecordingSink(Arrays.copyOf(BLOB, 500));
      client().fetchBlob(repo(fake), D, sink);
      assertThat(fake.requests).singleElement().asString().startsWith("GET ");
      assertThat(sink.opens).containsExactly(0L);
      assertThat(sink.bytes()).isEqualTo(BLOB);
    }
  }

  @Test
  void fiveHundredThenOkIsRetriedAndReported() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    try (var fake = new FakeRegistry(ex -> {
      if (calls.incrementAndGet() <= 2) {
        reply(ex, 500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"disk on fire\"}]}".getBytes());
      } else {
        reply(ex, 200, BLOB);
      }
    })) {
      RecordingSink sink = new RecordingSink();
      client().fetchBlob(repo(fake), D, sink);
      assertThat(sink.bytes()).isEqualTo(BLOB);
      assertThat(retries).hasSize(2);
      assertThat(retries.getFirst()).startsWith("1/5 fetch blob " + D.digest()).contains("500").contains("disk on fire");
    }
  }

  @Test
  void persistentServerErrorsGiveUpAfterFiveAttempts() throws IOException {
    try (var fake = new FakeRegistry(ex -> reply(ex, 503, "overloaded".getBytes()))) {
      assertThatThrownBy(() -> client().resolve(ImageRef.parse(fake.host() + "/a/b:1")))
          .isInstanceOfSatisfying(RegistryException.ServerError.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.attempts()).isEqualTo(5);
          })
          .hasMessageContaining("resolve " + fake.host() + "/a/b:1")
          .hasMessageContaining("503 overloaded")
          .hasMessageContaining("gave up after 5 attempts");
      assertThat(fake.count("GET /v2/a/b/manifests/1")).isEqualTo(5);
      assertThat(retries).hasSize(4);
    }
  }

  @Test
  void manifestWithWrongDigestHeaderIsRejected() throws IOException {
    byte[] manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}".getBytes();
    try (var fake = new FakeRegistry(ex -> {
      ex.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "0".repeat(64));
      ex.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
      reply(ex, 200, manifest);
    })) {
      assertThatThrownBy(() -> client().resolve(ImageRef.parse(fake.host() + "/a/b:1")))
          .isInstanceOf(RegistryException.DigestMismatch.class)
          .hasMessageContaining("manifest content has digest " + Descriptor.of("x", manifest).digest());
    }
  }

  @Test
  void unauthorizedWithoutCredentialsSaysHowToLogIn() throws IOException {
    try (var fake = new FakeRegistry(ex -> {
      ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
      reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
    })) {
      assertThatThrownBy(() -> client().resolve(ImageRef.parse(fake.host() + "/foo:1")))
          .isInstanceOf(RegistryException.Unauthorized.class)
          .hasMessage("resolve " + fake.host() + "/foo:1: pull access denied for " + fake.host()
              + "/foo: authentication required — run `docker login " + fake.host()
              + "` or add credentials to ~/.docker/config.json");
    }
  }

  @Test
  void refusedConnectionsFailFastWithAHint() throws IOException {
    int port = dev.kiln.registry.testing.LocalRegistry.freePort();
    assertThatThrownBy(() -> client().resolve(ImageRef.parse("127.0.0.1:" + port + "/a:1")))
        .isInstanceOfSatisfying(RegistryException.TransportError.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("cannot connect to https://127.0.0.1:" + port)
        .hasMessageContaining("is the registry running?");
    assertThat(retries).isEmpty();
  }

  @Test
  void redirectsAreFollowedAndCredentialsStayHome() throws IOException {
    try (var cdn = new FakeRegistry("127.0.0.2", ex -> reply(ex, 200, BLOB));
        var fake = new FakeRegistry(ex -> {
          if (ex.getRequestHeaders().getFirst("Authorization") == null) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
            reply(ex, 401, new byte[0]);
            return;
          }
          ex.getResponseHeaders().add("Location", "http://" + cdn.host() + "/blob?sig=1");
          reply(ex, 307, new byte[0]);
        })) {
      RegistryClient c = DistributionClient.builder()
          .credentials(host -> Optional.of(new Credentials.Basic("user", "pw"))).build();
      RecordingSink sink = new RecordingSink();
      c.fetchBlob(repo(fake), D, sink);
      assertThat(sink.bytes()).isEqualTo(BLOB);
      assertThat(fake.requests).last().asString().endsWith("[Basic dXNlcjpwdw==]");
      assertThat(cdn.requests).containsExactly("GET /blob?sig=1");
    }
  }
}
