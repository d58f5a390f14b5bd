package dev.kiln.registry;

/** Credentials for one registry host. {@code toString} never prints secrets. */
public sealed interface Credentials {
  /** A user name and password (or personal access token). */
  record Basic(String username, String password) implements Credentials {
    @Override
    public String toString() {
      return "Basic[" + username + ", ****]";
    }
  }

  /** An OAuth2 refresh token from {@code docker login} against an identity provider. */
  record IdentityToken(String token) implements Credentials {
    @Override
    public String toString() {
      return "IdentityToken[****]";
    }
  }

  /** A ready-made bearer token, sent as is (e.g. a registry token from a build session). */
  record RegistryToken(String token) implements Credentials {
    @Override
    public String toString() {
      return "RegistryToken[****]";
    }
  }
}
