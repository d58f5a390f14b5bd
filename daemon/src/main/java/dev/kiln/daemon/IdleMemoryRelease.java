package dev.kiln.daemon;

import java.time.Duration;

/**
 * Gives a long-lived daemon's memory back once it goes idle: when the last running build ends and
 * no other starts within {@code quiet}, runs one full collection. The heap then shrinks to what
 * is live (about 30 MB between builds) instead of keeping what the last build grew it to, and the
 * JVM's periodic native trim (kilnd's {@code -XX:TrimNativeHeapInterval}) returns malloc's freed
 * pages. A collector's own idle rules (G1's periodic collection) run only after some seconds
 * without any collection and give back less: a young collection leaves garbage promoted during the
 * build in the old generation. The daemon's start-up counts as a build: what opening the engine
 * and the servers left behind goes the same way. Thread-safe.
 */
final class IdleMemoryRelease implements BuildActivity {
  private final Duration quiet;
  private final Runnable collect;
  private int running;
  private long changes; // any start or end after a scheduled release cancels it

  IdleMemoryRelease(Duration quiet, Runnable collect) {
    this.quiet = quiet;
    this.collect = collect;
  }

  /** Runs {@link System#gc()}: a full, compacting collection that resizes the heap. */
  static IdleMemoryRelease fullGc(Duration quiet) {
    return new IdleMemoryRelease(quiet, System::gc);
  }

  @Override
  public synchronized void started() {
    running++;
    changes++;
  }

  @Override
  public void ended() {
    synchronized (this) {
      running--;
      changes++;
    }
    scheduleIfIdle();
  }

  /**
   * Called once the daemon serves: a fresh daemon has run no build, yet its start-up (classes,
   * the engine's opening, the database) grew the heap to about twice what stays live.
   */
  void startedUp() {
    scheduleIfIdle();
  }

  /** A release after the quiet period, unless a build runs now or starts or ends before then. */
  private void scheduleIfIdle() {
    long scheduledAt;
    synchronized (this) {
      if (running > 0) return;
      scheduledAt = changes;
    }
    Thread.ofVirtual().name("kilnd-idle-release").start(() -> collectIfStillIdle(scheduledAt));
  }

  private void collectIfStillIdle(long scheduledAt) {
    try {
      Thread.sleep(quiet);
    } catch (InterruptedException e) {
      return;
    }
    synchronized (this) {
      if (changes != scheduledAt) return;
    }
    collect.run();
  }
}
