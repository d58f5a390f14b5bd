package dev.kiln.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.registry.BlobSource;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.Platform;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.hosts.HostsConfig;
import dev.kiln.registry.testing.Certificates;
import dev.kiln.registry.testing.LocalRegistry;
import dev.kiln.registry.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real registry behind Basic auth, TLS with a private CA, and mutual TLS. */
class SecuredRegistryTest {
  @TempDir Path dir;

  static void pushAndPull(RegistryClient client, ImageRef ref) throws IOException {
    TestImage img = TestImage.create("secured " + ref, Platform.parse("linux/amd64"));
    client.pushBlob(ref, img.layerDescriptor(), BlobSource.of(img.layer()), Optional.empty());
    client.pushBlob(ref, img.configDescriptor(), BlobSource.of(img.config()), Optional.empty());
    client.pushManifest(ref, MediaTypes.OCI_MANIFEST, img.manifest());
    assertThat(client.resolve(ref).bytes()).isEqualTo(img.manifest());
  }

  @Test
  void basicAuthWithHtpasswd() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")),
        "htpasswd not installed (apt-get install apache2-utils): cannot make a bcrypt htpasswd file");
    Process p = new ProcessBuilder("htpasswd", "-Bbn", "alice", "s3cret").start();
    Files.write(dir.resolve("htpasswd"), p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    var options = new LocalRegistry.Options(Optional.of(dir.resolve("htpasswd")), Optional.empty(), Optional.empty());
    try (LocalRegistry registry = LocalRegistry.start(dir, options)) {
      ImageRef ref = ImageRef.parse(registry.host() + "/private/app:1");
      RegistryClient alice = DistributionClient.builder()
          .credentials(host -> Optional.of(new Credentials.Basic("alice", "s3cret"))).build();
      pushAndPull(alice, ref);

      assertThatThrownBy(() -> DistributionClient.builder().credentials(CredentialProvider.ANONYMOUS).build().resolve(ref))
          .isInstanceOf(RegistryException.Unauthorized.class)
          .hasMessageContaining("pull access denied for " + ref.name() + ": authentication required")
          .hasMessageContaining("docker login " + registry.host());
      assertThatThrownBy(() -> DistributionClient.builder()
              .credentials(host -> Optional.of(new Credentials.Basic("alice", "wrong"))).build().resolve(ref))
          .isInstanceOf(RegistryException.Unauthorized.class)
          .hasMessageContaining("the credentials for " + registry.host() + " were not accepted");
    }
  }

  @Test
  void tlsWithAPrivateCaFromHostConfig() throws Exception {
    Certificates.ca(dir, "ca");
    Certificates.leaf(dir, "ca", "server");
    Certificates.ca(dir, "other-ca");
    var options = new LocalRegistry.Options(Optional.empty(), Optional.of(dir.resolve("server.pem")), Optional.of(dir.resolve("server.key")));
    try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("reg")), options)) {
      ImageRef ref = ImageRef.parse(registry.host() + "/tls/app:1");
      HostsConfig trusted = HostsConfig.parse("[registry.\"" + registry.host() + "\"]\nca = [\"ca.pem\"]\n", dir);
      pushAndPull(DistributionClient.builder().hosts(trusted).credentials(CredentialProvider.ANONYMOUS).build(), ref);

      HostsConfig wrongCa = HostsConfig.parse("[registry.\"" + registry.host() + "\"]\nca = [\"other-ca.pem\"]\n", dir);
      assertThatThrownBy(() -> DistributionClient.builder().hosts(wrongCa).credentials(CredentialProvider.ANONYMOUS).build().resolve(ref))
          .isInstanceOf(RegistryException.TransportError.class)
          .hasMessageContaining("TLS with https://" + registry.host() + " failed")
          .hasMessageContaining("ca = [");

      // Unconfigured loopback: plain HTTP gets Go's "HTTP request to an HTTPS server" 400,
      // so the client moves on to unverified HTTPS, like dockerd does for localhost.
      assertThat(DistributionClient.builder().credentials(CredentialProvider.ANONYMOUS).build().resolve(ref).ref())
          .isEqualTo(ref);
    }
  }

  @Test
  void mutualTlsWithAClientKeyPair() throws Exception {
    Certificates.ca(dir, "ca");
    Certificates.leaf(dir, "ca", "server");
    Certificates.leaf(dir, "ca", "client");
    Path regDir = Files.createDirectories(dir.resolve("reg"));
    var options = new LocalRegistry.Options(Optional.empty(), Optional.of(dir.resolve("server.pem")), Optional.of(dir.resolve("server.key")));
    try (LocalRegistry registry = LocalRegistry.startWithClientCa(regDir, options, dir.resolve("ca.pem"))) {
      ImageRef ref = ImageRef.parse(registry.host() + "/mtls/app:1");
      HostsConfig withKey = HostsConfig.parse("[registry.\"" + registry.host() + "\"]\nca = [\"ca.pem\"]\n"
          + "[[registry.\"" + registry.host() + "\".keypair]]\nkey = \"client.key\"\ncert = \"client.pem\"\n", dir);
      pushAndPull(DistributionClient.builder().hosts(withKey).credentials(CredentialProvider.ANONYMOUS).build(), ref);

      HostsConfig withoutKey = HostsConfig.parse("[registry.\"" + registry.host() + "\"]\nca = [\"ca.pem\"]\n", dir);
      assertThatThrownBy(() -> DistributionClient.builder().hosts(withoutKey).credentials(CredentialProvider.ANONYMOUS).build().resolve(ref))
          .isInstanceOf(RegistryException.TransportError.class);
    }
  }
}
