package dev.kiln.daemon.session;

import dev.kiln.session.tunnel.DaemonSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Live client sessions by id. {@code Solve} usually arrives before its {@code Session} call is up,
 * so lookups wait (bounded). Thread-safe.
 */
public final class SessionManager {
  private final Map<String, DaemonSession> sessions = new LinkedHashMap<>();

  /** Registers {@code session} and forgets it when the client ends it. */
  public void register(DaemonSession session) {
    synchronized (this) {
      sessions.put(session.id(), session);
      notifyAll();
    }
    Thread.ofVirtual().name("kiln-session-" + session.id()).start(() -> {
      try {
        while (!session.awaitEnd(1, TimeUnit.HOURS)) {
          // keep waiting: a session lives as long as its client keeps it open
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        sessions.remove(session.id(), session);
      }
    });
  }

  public synchronized Optional<DaemonSession> await(String id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!sessions.containsKey(id)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return Optional.empty();
      wait(Math.max(1, left / 1_000_000));
    }
    return Optional.of(sessions.get(id));
  }

  /** The open sessions, the most recently opened first. */
  public synchronized List<DaemonSession> newestFirst() {
    return new ArrayList<>(sessions.values()).reversed();
  }

  public synchronized void closeAll() {
    sessions.values().forEach(DaemonSession::close);
    sessions.clear();
  }
}
