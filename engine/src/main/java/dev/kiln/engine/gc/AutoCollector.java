package dev.kiln.engine.gc;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Automatic collection with the configured policies: after each build (on a virtual thread, so
 * the build's caller does not wait; a run already pending absorbs further requests) and, once
 * started, on a timer. Nothing happens while no policy is set. Thread-safe.
 */
public final class AutoCollector implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AutoCollector.class.getName());

  private final Collector collector;
  private final AtomicBoolean pending = new AtomicBoolean();
  /** Held while a collection runs, so closing waits for it (the database closes next). */
  private final ReentrantLock running = new ReentrantLock();
  private volatile boolean closed;
  private static final Duration MIN_GAP = Duration.ofSeconds(2);

  private volatile List<GcPolicy> policies = List.of();
  private volatile long lastRun;
  private volatile Thread timer;

  public AutoCollector(Collector collector) {
    this.collector = collector;
  }

  /** Sets the policies (empty: automatic collection off). */
  public void policies(List<GcPolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  public List<GcPolicy> policies() {
    return policies;
  }

  /**
   * Requests a collection soon, unless one is already waiting to run; runs are at least {@link
   * #MIN_GAP} apart, so a stream of small builds does not list the store after each.
   */
  public void request() {
    if (policies.isEmpty() || !pending.compareAndSet(false, true)) return;
    Thread.ofVirtual().name("kiln-gc").start(() -> {
      try {
        long wait = lastRun + MIN_GAP.toMillis() - System.currentTimeMillis();
        if (wait > 0) Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      } finally {
        pending.set(false);
      }
      runNow();
    });
  }

  /** Runs one collection on the calling thread; failures are logged, not thrown (the next run retries). */
  public void runNow() {
    List<GcPolicy> current = policies;
    if (current.isEmpty() || closed) return;
    running.lock();
    try {
      if (!closed) collector.prune(current, r -> {});
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "garbage collection failed: " + e.getMessage(), e);
    } finally {
      lastRun = System.currentTimeMillis();
      running.unlock();
    }
  }

  /** Also collects every {@code interval} until closed. */
  public synchronized void startTimer(Duration interval) {
    if (timer != null) return;
    timer = Thread.ofVirtual().name("kiln-gc-timer").start(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(interval);
          runNow();
        }
      } catch (InterruptedException e) {
        // closed
      }
    });
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) timer.interrupt();
    timer = null;
    running.lock(); // wait for a collection in progress
    running.unlock();
  }
}
