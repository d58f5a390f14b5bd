package dev.kiln.registry.auth;

import java.time.Instant;

/** A bearer token and when it stops being usable. */
record Token(String value, Instant expires) {
  boolean validAt(Instant now) {
    return now.isBefore(expires);
  }
}
