package dev.kiln.registry.auth;

import dev.kiln.registry.CredentialProvider.IssuedToken;
import java.time.Duration;
import java.time.Instant;

/** A bearer token and when it stops being usable. */
record Token(String value, Instant expires) {
  private static final Duration MIN_LIFETIME = Duration.ofSeconds(60);

  boolean validAt(Instant now) {
    return now.isBefore(expires);
  }

  /**
   * Usable for the token's lifetime (the token spec's minimum of 60 s when shorter or absent),
   * renewed a little early so that it does not expire between check and use.
   */
  static Token of(IssuedToken issued) {
    String value = issued.token();
    Duration lifetime = issued.expiresIn();
    if (lifetime.compareTo(MIN_LIFETIME) < 0) lifetime = MIN_LIFETIME;
    Duration margin = lifetime.dividedBy(10).compareTo(Duration.ofSeconds(10)) < 0 ? lifetime.dividedBy(10) : Duration.ofSeconds(10);
    return new Token(value, issued.issuedAt().plus(lifetime).minus(margin));
  }
}
