package dev.kiln.daemon.progress;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds by ref. {@code Status} may arrive before {@code Solve} registers its job (buildkit-wire
 * §2.4), so lookups wait a little; a finished job stays visible for a grace period so a late
 * {@code Status} still sees its history. Thread-safe.
 */
public final class JobRegistry {
  private static final Duration KEEP_FINISHED = Duration.ofSeconds(30);
  private final Map<String, BuildJob> jobs = new HashMap<>();

  public synchronized BuildJob register(String ref) {
    if (jobs.containsKey(ref)) {
      throw new IllegalStateException("a build with ref " + ref + " already exists");
    }
    BuildJob job = new BuildJob(ref);
    jobs.put(ref, job);
    notifyAll();
    return job;
  }

  /** Finishes the job and forgets it after the grace period. */
  public void finish(BuildJob job) {
    job.finish();
    Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(KEEP_FINISHED);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (this) {
        jobs.remove(job.ref(), job);
      }
    });
  }

  /** The job with {@code ref}, waiting up to {@code timeout} for it to be registered. */
  public synchronized Optional<BuildJob> await(String ref, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!jobs.containsKey(ref)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return Optional.empty();
      wait(Math.max(1, left / 1_000_000));
    }
    return Optional.of(jobs.get(ref));
  }
}
