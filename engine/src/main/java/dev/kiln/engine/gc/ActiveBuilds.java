package dev.kiln.engine.gc;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The builds running now, each with its start time: the collector's fence. Everything a build
 * uses is stamped with a last-used time at or after its start (cache hits touch their snapshot,
 * new snapshots are made then), so whatever was used at or after the oldest running build's
 * start is protected. A build covers its solve and its export. Thread-safe.
 */
public final class ActiveBuilds {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final List<Long> starts = new ArrayList<>();
  private boolean exclusive;
  private Runnable onFinish = () -> {};

  /** A running build; close it when its result is exported and released. */
  public interface Build extends AutoCloseable {
    @Override
    void close();
  }

  /** Called after each build finishes (the engine's automatic collection). */
  public void onFinish(Runnable hook) {
    this.onFinish = hook;
  }

  /** Registers a build starting now; waits while the collector deletes content blobs. */
  public Build begin() {
    lock.lock();
    try {
      while (exclusive) idle.awaitUninterruptibly();
      Long start = System.currentTimeMillis();
      starts.add(start);
      return new Build() {
        private boolean closed;

        @Override
        public void close() {
          lock.lock();
          try {
            if (closed) return;
            closed = true;
            starts.remove(start);
            idle.signalAll();
          } finally {
            lock.unlock();
          }
          onFinish.run();
        }
      };
    } finally {
      lock.unlock();
    }
  }

  /** The start of the oldest running build (epoch millis), or empty when none runs. */
  public OptionalLong oldestStart() {
    lock.lock();
    try {
      return starts.stream().mapToLong(Long::longValue).min();
    } finally {
      lock.unlock();
    }
  }

  /** The time before which unused things may be collected: the oldest build's start, else now. */
  public long fence() {
    return oldestStart().orElse(System.currentTimeMillis());
  }

  /** Work that must not overlap any build; returns false without running it when builds are running. */
  public boolean runIfIdle(IoWork work) throws java.io.IOException {
    lock.lock();
    try {
      if (!starts.isEmpty() || exclusive) return false;
      exclusive = true;
    } finally {
      lock.unlock();
    }
    try {
      work.run();
      return true;
    } finally {
      lock.lock();
      try {
        exclusive = false;
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** A piece of I/O run while no build runs. */
  @FunctionalInterface
  public interface IoWork {
    void run() throws java.io.IOException;
  }
}
