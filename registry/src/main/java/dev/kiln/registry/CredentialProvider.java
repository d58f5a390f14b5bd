package dev.kiln.registry;

import java.io.IOException;
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
