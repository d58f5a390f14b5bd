package dev.kiln.engine.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the {@link Source} for an identifier's scheme. */
public final class SourceManager {
  private final Map<String, Source> byScheme = new HashMap<>();

  public SourceManager(List<Source> sources) {
    for (Source s : sources) {
      for (String scheme : s.schemes()) {
        if (byScheme.put(scheme, s) != null) {
          throw new IllegalArgumentException("two sources for scheme " + scheme);
        }
      }
    }
  }

  public Optional<Source> forScheme(String scheme) {
    return Optional.ofNullable(byScheme.get(scheme));
  }
}
