package dev.kiln.session.tunnel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a client in this JVM offers the daemon in the same JVM (embedded mode) beyond its session
 * services, by the name of its in-process session server: the local directories its FileSync
 * serves, read in place instead of synced over DiffCopy, and the output file its FileSend would
 * receive, written in place (where the exporter may seek) instead of streamed. Only a session
 * opened over the in-process transport knows a server name ({@link DaemonSession#openInProcess}),
 * so a client on a socket never reaches these. Registered before the session call goes out, as
 * the daemon looks it up when the call arrives. Thread-safe.
 */
final class InProcessClients {
  /** Paths absolute: a client's relative {@code --local ctx=.} means its working directory. */
  record Offer(Map<String, Path> dirs, Optional<Path> outputFile) {
    static final Offer NONE = new Offer(Map.of(), Optional.empty());
  }

  private static final Map<String, Offer> OFFERS = new ConcurrentHashMap<>();

  private InProcessClients() {}

  static void register(String server, Map<String, Path> dirs, Optional<Path> outputFile) {
    Map<String, Path> absolute = new HashMap<>();
    dirs.forEach((name, dir) -> absolute.put(name, dir.toAbsolutePath().normalize()));
    OFFERS.put(server, new Offer(Map.copyOf(absolute), outputFile.map(Path::toAbsolutePath)));
  }

  static void unregister(String server) {
    OFFERS.remove(server);
  }

  static Offer lookup(String server) {
    return OFFERS.getOrDefault(server, Offer.NONE);
  }
}
