package dev.kiln.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.Digest;
import dev.kiln.registry.hosts.HostsConfig;
import dev.kiln.registry.ImageRef;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registry.insecure=true} clients keep the engine's credentials (in kilnd: the client sessions' auth). */
class PushHostsTest {
  @TempDir Path tmp;

  @Test
  void anInsecureHostIsReachedWithTheSameCredentials() throws Exception {
    try (LocalRegistry registry = LocalRegistry.startWithBasicAuth(tmp, "alice", "s3cret")) {
      ImageRef repo = ImageRef.parse(registry.host() + "/team/app:1");
      Digest absent = Digest.parse("sha256:" + "0".repeat(64));
      var withCredentials = PushHosts.client(HostsConfig.EMPTY, Set.of(registry.host()),
          Optional.of(host -> Optional.of(new Credentials.Basic("alice", "s3cret"))));
      assertThat(withCredentials.blobExists(repo, absent)).isFalse();
      var anonymous = PushHosts.client(HostsConfig.EMPTY, Set.of(registry.host()), Optional.empty());
      assertThatThrownBy(() -> anonymous.blobExists(repo, absent)).hasMessageContaining("authentication required");
    }
  }
}
