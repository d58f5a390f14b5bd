package dev.kiln.daemon.session;

import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.CredentialProvider.IssuedToken;
import dev.kiln.registry.CredentialProvider.TokenRequest;
import dev.kiln.registry.Credentials;
import dev.kiln.session.auth.AuthClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.util.Optional;

/**
 * Registry auth from the clients: the open sessions are asked in turn, newest first (a pull
 * shared by several builds may use any of their clients' credentials, as BuildKit's session
 * groups do); the daemon's own docker config is the last resort. On a Bearer challenge a client
 * that offers a token authority fetches the token itself ({@link #tokenFor}), so its secrets stay
 * on its machine; the others are asked for credentials. Thread-safe.
 *
 * <p>GetTokenAuthority requests carry this process's random salt, as BuildKit keeps one per
 * process; it is drawn on the first token request, not at start-up, where seeding the JDK's
 * SecureRandom (its security providers) delayed an embedded build's engine by 15-25 ms.
 */
public record SessionCredentials(SessionManager sessions, CredentialProvider fallback) implements CredentialProvider {
  /** Initialised on first use. */
  private static final class Salt {
    static final byte[] VALUE = random();

    private static byte[] random() {
      byte[] salt = new byte[32];
      new java.security.SecureRandom().nextBytes(salt);
      return salt;
    }
  }

  @Override
  public Optional<IssuedToken> tokenFor(TokenRequest request) throws IOException {
    IOException failure = null;
    for (DaemonSession session : sessions.newestFirst()) {
      try {
        Optional<IssuedToken> token = AuthClient.token(session.channel(), request, Salt.VALUE);
        if (token.isPresent()) return token;
      } catch (IOException e) {
        if (failure == null) failure = e; // another client may still succeed
      }
    }
    // A client that fetches its own tokens and failed (its token server refused its credentials)
    // is reported, as BuildKit does, rather than retried anonymously.
    if (failure != null) throw failure;
    return Optional.empty();
  }

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
