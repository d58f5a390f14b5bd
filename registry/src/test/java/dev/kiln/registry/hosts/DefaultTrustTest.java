package dev.kiln.registry.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.registry.testing.Certificates;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK's trust store, loaded only for HTTPS endpoints that verify, and checking as the JDK does. */
class DefaultTrustTest {
  @TempDir Path dir;

  @Test
  void plainHttpEndpointsLeaveTheTrustStoreUnloadedAndHttpsOnesLoadIt() throws Exception {
    try (Endpoints endpoints = new Endpoints(HostsConfig.EMPTY, Duration.ofSeconds(5))) {
      var loopback = endpoints.forPull("127.0.0.1:5000");
      assertThat(loopback.getFirst().plainHttp()).isTrue();
      assertThat(loopback.getFirst().client()).isNotNull();
      assertThat(endpoints.trustStoreLoaded()).as("plain HTTP and unverified HTTPS need no trust store").isFalse();

      var https = endpoints.forPull("registry.example").getFirst();
      assertThat(https.client()).as("plain HTTP shares the default client").isSameAs(loopback.getFirst().client());
      for (int i = 0; i < 500 && !endpoints.trustStoreLoaded(); i++) Thread.sleep(20);
      assertThat(endpoints.trustStoreLoaded()).isTrue();
    }
  }

  @Test
  void itChecksChainsAsTheJdkDefaultDoes() throws Exception {
    Certificates.ca(dir, "ca");
    Certificates.leaf(dir, "ca", "server");
    X509Certificate[] chain = TlsContexts.certificates(dir.resolve("server.pem")).stream()
        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    DefaultTrust trust = new DefaultTrust();
    assertThatThrownBy(() -> trust.checkServerTrusted(chain, "RSA"))
        .as("a private CA is not in the JDK's trust store")
        .isInstanceOf(CertificateException.class);
    assertThat(trust.isLoaded()).as("loaded on first need, without a preload").isTrue();
    assertThat(trust.getAcceptedIssuers()).isNotEmpty();
  }
}
