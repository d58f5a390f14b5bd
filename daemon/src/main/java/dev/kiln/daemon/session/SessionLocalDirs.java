package dev.kiln.daemon.session;

import dev.kiln.engine.source.LocalDirs;
import dev.kiln.session.filesync.FileSyncClient;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A build's {@code local://NAME} directories, pulled from the client's session with FileSync into
 * a per-build directory. The engine asks for a directory more than once per build (cache key, then
 * copy), so each distinct request is transferred once. Thread-safe.
 */
public final class SessionLocalDirs implements LocalDirs, AutoCloseable {
  private final DaemonSession session;
  private final Path workDir;
  private final SyncDirs syncDirs;
  private final Map<String, Map<Request, Path>> fetched = new HashMap<>();
  private final List<Path> held = new ArrayList<>();
  private int counter;

  /**
   * @param workDir a private directory for this build, deleted by the caller afterwards
   * @param syncDirs where earlier copies are kept for incremental transfers
   */
  public SessionLocalDirs(DaemonSession session, Path workDir, SyncDirs syncDirs) {
    this.session = session;
    this.workDir = workDir;
    this.syncDirs = syncDirs;
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
    Optional<Path> inPlace = session.inProcessDir(name); // embedded: the client's own directory
    if (inPlace.isPresent()) {
      fetched.computeIfAbsent(name, n -> new HashMap<>()).put(request, inPlace.get());
      return inPlace;
    }
    // The same client dir, filtered the same way, lands in the same kept directory.
    String key = String.join("\0", session.sharedKey(), name, request.sharedKeyHint(),
        request.includePatterns().toString(), request.excludePatterns().toString(), request.followPaths().toString());
    Optional<Path> kept = syncDirs.acquire(key);
    kept.ifPresent(held::add);
    Path target = kept.isPresent() ? kept.get() : Files.createDirectories(workDir.resolve("local-" + (counter++)));
    try {
      FileSyncClient.fetch(session.channel(),
          new FileSyncClient.Request(name, request.includePatterns(), request.excludePatterns(), request.followPaths()),
          target, kept.isPresent());
    } catch (FileSyncClient.NotFoundException e) {
      return Optional.empty(); // the engine names the missing --local
    }
    fetched.computeIfAbsent(name, n -> new HashMap<>()).put(request, target);
    return Optional.of(target);
  }

  /** Lets other builds reuse the kept directories this build synced into. */
  @Override
  public synchronized void close() {
    held.forEach(syncDirs::release);
    held.clear();
  }
}
