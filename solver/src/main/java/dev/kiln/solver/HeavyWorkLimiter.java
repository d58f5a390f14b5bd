package dev.kiln.solver;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * Bounds CPU- and disk-heavy work across all jobs: virtual threads make waiting cheap, but hashing or
 * copying on 500 threads at once only thrashes. Fair, so long waiters are not starved.
 */
final class HeavyWorkLimiter {
  private final Semaphore permits;

  HeavyWorkLimiter(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("need at least one permit for heavy work, got " + permits);
    }
    this.permits = new Semaphore(permits, true);
  }

  <T> T run(Callable<T> work) throws Exception {
    permits.acquire();
    try {
      return work.call();
    } finally {
      permits.release();
    }
  }
}
