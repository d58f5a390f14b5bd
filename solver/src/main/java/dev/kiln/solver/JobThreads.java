package dev.kiln.solver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads that called into one job (its solve roots) and its cancelled flag. Cancelling interrupts
 * the roots; {@link Fork} passes the interrupt down to every thread below them. Shared executions run on
 * their own threads and are not reached: they stop only when their last waiter leaves.
 */
final class JobThreads {
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  void enter() throws InterruptedException {
    var current = Thread.currentThread();
    threads.add(current);
    // Checked after registering: a cancel() that missed us in its loop has already set the flag.
    if (cancelled) {
      threads.remove(current);
      throw new InterruptedException("job cancelled");
    }
  }

  void exit() {
    threads.remove(Thread.currentThread());
  }

  void cancel() {
    cancelled = true;
    for (var thread : threads) {
      thread.interrupt();
    }
  }

  boolean cancelled() {
    return cancelled;
  }
}
