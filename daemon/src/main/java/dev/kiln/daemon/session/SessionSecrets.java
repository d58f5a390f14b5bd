package dev.kiln.daemon.session;

import dev.kiln.engine.source.SecretStore;
import dev.kiln.session.secrets.SecretsClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.util.Optional;

/** Secrets asked of the client's session when an exec mounts them; never stored. */
public record SessionSecrets(DaemonSession session) implements SecretStore {
  @Override
  public Optional<byte[]> get(String id) throws IOException {
    return session == null ? Optional.empty() : SecretsClient.get(session.channel(), id);
  }
}
