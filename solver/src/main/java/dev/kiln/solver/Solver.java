package dev.kiln.solver;

import dev.kiln.solver.cache.CacheKeyStorage;
import dev.kiln.solver.flight.SingleFlight;
import dev.kiln.solver.progress.VertexEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-lived solver, one per engine: the cache, the one-execution-per-key table shared by all jobs,
 * and the limit on heavy work. Thread-safe; create any number of concurrent {@link Job}s.
 */
public final class Solver {
  private final CacheAccess cache;
  private final HeavyWorkLimiter limiter;
  private final SingleFlight<String, Outcome, VertexEvent> flights = new SingleFlight<>(Outcome.SHARING);
  private final AtomicLong jobIds = new AtomicLong();

  /**
   * @param storage where cache keys are kept (the engine's metadata store)
   * @param loader turns a cached result id back into a result (the engine's worker)
   * @param heavyPermits how many {@link OpContext#heavy} sections may run at once
   */
  public Solver(CacheKeyStorage storage, ResultLoader loader, int heavyPermits) {
    this.cache = new CacheAccess(Objects.requireNonNull(storage, "storage"), Objects.requireNonNull(loader, "loader"));
    this.limiter = new HeavyWorkLimiter(heavyPermits);
  }

  /** A solver allowing one heavy section per available processor. */
  public Solver(CacheKeyStorage storage, ResultLoader loader) {
    this(storage, loader, Runtime.getRuntime().availableProcessors());
  }

  public Job newJob(JobOptions options) {
    return new Job("job-" + jobIds.incrementAndGet(), this, options);
  }

  public CacheKeyStorage storage() {
    return cache.storage();
  }

  /** Executions currently running or being looked up, across jobs (for metrics and tests). */
  public int activeExecutions() {
    return flights.inFlight();
  }

  /**
   * Waits until no execution runs, cancelled ones winding down included (see
   * {@link SingleFlight#awaitIdle}); false when some still ran after {@code timeout}.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return flights.awaitIdle(timeout);
  }

  CacheAccess cache() {
    return cache;
  }

  HeavyWorkLimiter limiter() {
    return limiter;
  }

  SingleFlight<String, Outcome, VertexEvent> flights() {
    return flights;
  }
}
