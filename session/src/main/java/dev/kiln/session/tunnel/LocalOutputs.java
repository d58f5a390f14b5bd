package dev.kiln.session.tunnel;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Output files of sessions whose client runs in this JVM, by the in-process server that serves
 * the session. The embedded daemon writes an image tarball straight into the file (where it may
 * seek) instead of streaming it through FileSend. Sessions over a socket never appear here.
 */
final class LocalOutputs {
  private static final Map<String, Path> FILES = new ConcurrentHashMap<>();

  private LocalOutputs() {}

  static void register(String serverName, Path file) {
    FILES.put(serverName, file.toAbsolutePath());
  }

  static void unregister(String serverName) {
    FILES.remove(serverName);
  }

  static Optional<Path> lookup(String serverName) {
    return Optional.ofNullable(FILES.get(serverName));
  }
}
