package dev.kiln.daemon.session;

import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import dev.kiln.session.auth.AuthClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.util.Optional;

/**
 * Registry credentials from the clients: the open sessions are asked in turn, newest first (a
 * pull shared by several builds may use any of their clients' credentials, as BuildKit's session
 * groups do); the daemon's own docker config is the last resort. Thread-safe.
 */
public record SessionCredentials(SessionManager sessions, CredentialProvider fallback) implements CredentialProvider {
  @Override
  public Optional<Credentials> credentialsFor(String host) throws IOException {
    for (DaemonSession session : sessions.newestFirst()) {
      try {
        Optional<Credentials> found = AuthClient.credentials(session.channel(), host);
        if (found.isPresent()) return found;
      } catch (IOException sessionGone) {
        // a client that went away or failed: try the next one
      }
    }
    return fallback.credentialsFor(host);
  }
}
