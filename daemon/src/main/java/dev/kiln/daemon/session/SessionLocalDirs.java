package dev.kiln.daemon.session;

import dev.kiln.engine.source.LocalDirs;
import dev.kiln.session.filesync.FileSyncClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A build's {@code local://NAME} directories, pulled from the client's session with FileSync into
 * a per-build directory. The engine asks for a directory more than once per build (cache key, then
 * copy), so each distinct request is transferred once. Thread-safe.
 */
public final class SessionLocalDirs implements LocalDirs {
  private final DaemonSession session;
  private final Path workDir;
  private final Map<String, Map<Request, Path>> fetched = new HashMap<>();
  private int counter;

  /** @param workDir a private directory for this build, deleted by the caller afterwards */
  public SessionLocalDirs(DaemonSession session, Path workDir) {
    this.session = session;
    this.workDir = workDir;
  }

  @Override
  public synchronized Optional<Path> get(String name, Request request) throws IOException {
    Path known = fetched.getOrDefault(name, Map.of()).get(request);
    if (known != null) {
      return Optional.of(known);
    }
    if (session == null || !session.supports(FileSyncClient.DIFF_COPY)) {
      return Optional.empty();
    }
    Path target = workDir.resolve("local-" + (counter++));
    Files.createDirectories(target);
    try {
      FileSyncClient.fetch(session.channel(),
          new FileSyncClient.Request(name, request.includePatterns(), request.excludePatterns(), request.followPaths()), target);
    } catch (FileSyncClient.NotFoundException e) {
      return Optional.empty(); // the engine names the missing --local
    }
    fetched.computeIfAbsent(name, n -> new HashMap<>()).put(request, target);
    return Optional.of(target);
  }
}
