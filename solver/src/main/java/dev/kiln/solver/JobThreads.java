package dev.kiln.solver;

import java.util.HashSet;
import java.util.Set;

/**
 * The threads that called into one job (its solve roots) and its cancelled flag. Cancelling interrupts
 * the roots; {@link Fork} passes the interrupt down to every thread below them and waits for them, so once
 * the roots have left, no thread works for the job. Shared executions run on their own threads and are
 * not reached: they stop only when their last waiter leaves.
 */
final class JobThreads {
  private final Set<Thread> roots = new HashSet<>(); // guarded by this
  private volatile boolean cancelled;

  synchronized void enter() throws InterruptedException {
    if (cancelled) {
      throw new InterruptedException("job cancelled");
    }
    roots.add(Thread.currentThread());
  }

  synchronized void exit() {
    roots.remove(Thread.currentThread());
    notifyAll();
  }

  synchronized void cancel() {
    cancelled = true;
    for (var thread : roots) {
      thread.interrupt();
    }
  }

  /** Cancels, then waits until every root has left (the caller's own root excepted). */
  synchronized void cancelAndAwaitIdle() {
    cancel();
    boolean interrupted = false;
    var self = Thread.currentThread();
    while (!roots.isEmpty() && !(roots.size() == 1 && roots.contains(self))) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      self.interrupt();
    }
  }

  boolean cancelled() {
    return cancelled;
  }
}
