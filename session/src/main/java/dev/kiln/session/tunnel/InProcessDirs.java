package dev.kiln.session.tunnel;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local directories a client in this JVM serves through FileSync, by the name of its
 * in-process session server: the daemon in the same JVM (embedded mode) reads them in place
 * instead of syncing a copy over DiffCopy, as it would for a client elsewhere. Only a session
 * opened over the in-process transport knows a server name ({@link DaemonSession#openInProcess}),
 * so a client on a socket never reaches these. Thread-safe.
 */
final class InProcessDirs {
  private static final Map<String, Map<String, Path>> SERVED = new ConcurrentHashMap<>();

  private InProcessDirs() {}

  static void serve(String server, Map<String, Path> dirs) {
    SERVED.put(server, Map.copyOf(dirs));
  }

  static void stop(String server) {
    SERVED.remove(server);
  }

  static Optional<Path> lookup(String server, String name) {
    return Optional.ofNullable(SERVED.getOrDefault(server, Map.of()).get(name));
  }
}
