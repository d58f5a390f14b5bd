package dev.kiln.engine.source;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Where a build's secrets come from: a map (embedded use, tests) or the client session. */
@FunctionalInterface
public interface SecretStore {
  SecretStore NONE = id -> Optional.empty();

  /** The secret's bytes, or empty when the client has none by that id. */
  Optional<byte[]> get(String id) throws IOException;

  static SecretStore of(Map<String, byte[]> secrets) {
    Map<String, byte[]> copy = Map.copyOf(secrets);
    return id -> Optional.ofNullable(copy.get(id)).map(byte[]::clone);
  }
}
