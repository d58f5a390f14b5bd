package dev.kiln.engine.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a build's {@code local://NAME} directories come from: a map of host paths (embedded use,
 * tests) or a client session that transfers them on demand (the daemon). The patterns let a
 * transferring implementation send only what the build reads.
 */
@FunctionalInterface
public interface LocalDirs {
  LocalDirs NONE = (name, request) -> Optional.empty();

  /** A directory holding (at least) the files of {@code name} that {@code request} selects. */
  Optional<Path> get(String name, Request request) throws IOException;

  /** What of a local directory a source needs. */
  record Request(List<String> includePatterns, List<String> excludePatterns, List<String> followPaths, String sharedKeyHint) {
    public Request {
      includePatterns = List.copyOf(includePatterns);
      excludePatterns = List.copyOf(excludePatterns);
      followPaths = List.copyOf(followPaths);
    }
  }

  /** Directories already on this host. */
  static LocalDirs of(Map<String, Path> dirs) {
    Map<String, Path> copy = Map.copyOf(dirs);
    return (name, request) -> Optional.ofNullable(copy.get(name));
  }
}
