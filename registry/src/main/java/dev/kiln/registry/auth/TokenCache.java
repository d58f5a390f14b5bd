package dev.kiln.registry.auth;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens by (host, scopes), kept until their {@code expires_in}. Thread-safe. */
final class TokenCache {
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Clock clock;

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  Optional<Token> get(String host, List<String> scopes) {
    String key = key(host, scopes);
    Token t = tokens.get(key);
    if (t == null) {
      return Optional.empty();
    }
    if (!t.validAt(clock.instant())) {
      tokens.remove(key, t);
      return Optional.empty();
    }
    return Optional.of(t);
  }

  void put(String host, List<String> scopes, Token token) {
    tokens.put(key(host, scopes), token);
  }

  void invalidate(String host, List<String> scopes) {
    tokens.remove(key(host, scopes));
  }

  private static String key(String host, List<String> scopes) {
    return host + " " + String.join(" ", new TreeSet<>(scopes));
  }
}
