package dev.kiln.registry;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Supplies credentials for a registry host ({@code docker.io}, {@code localhost:5000}). Called again
 * after a 401, so a provider backed by a changing source (a build session, a credential helper)
 * can return fresh credentials. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CredentialProvider {
  CredentialProvider ANONYMOUS = host -> Optional.empty();

  Optional<Credentials> credentialsFor(String host) throws IOException;

  /**
   * A bearer token fetched by whoever holds the credentials (a build's client, through its
   * session), so that the secrets never reach this process; empty to let the registry client run
   * the token exchange itself with {@link #credentialsFor}. Asked before {@code credentialsFor} on
   * a Bearer challenge.
   */
  default Optional<IssuedToken> tokenFor(TokenRequest request) throws IOException {
    return Optional.empty();
  }

  /** What a Bearer challenge asks for: a token from {@code realm} for {@code service} and these scopes. */
  record TokenRequest(String host, String realm, String service, List<String> scopes) {
    public TokenRequest {
      scopes = List.copyOf(scopes);
    }
  }

  /** A bearer token as a token server issued it; {@code toString} never prints it. */
  record IssuedToken(String token, Duration expiresIn, Instant issuedAt) {
    @Override
    public String toString() {
      return "IssuedToken[****, " + expiresIn + ", " + issuedAt + "]";
    }
  }

  /** Asks each provider in turn; the first with an answer wins. */
  static CredentialProvider firstOf(List<CredentialProvider> providers) {
    List<CredentialProvider> copy = List.copyOf(providers);
    return host -> {
      for (CredentialProvider p : copy) {
        Optional<Credentials> c = p.credentialsFor(host);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    };
  }
}
