package dev.kiln.engine.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs file copies on a few platform threads while one walker thread creates directories and
 * links. Platform, not virtual, threads: the metadata calls are FFM downcalls, which would pin
 * a virtual thread's carrier anyway. {@link #submit} blocks while all workers are busy, so memory
 * stays bounded whatever the tree size; the first failure is rethrown by the next call.
 * Single-threaded use only (one walker).
 */
final class CopyPool implements AutoCloseable {
  interface IoTask {
    void run() throws IOException;
  }

  /**
   * Copying small files is CPU bound in syscalls: measured on 2 cores (tmpfs), 1 thread was
   * 1.2x cp -a, 2 threads 2x, 4 threads 2.9x. Use half the cores, at most 4.
   */
  static int defaultParallelism() {
    return Math.clamp(Runtime.getRuntime().availableProcessors() / 2, 1, 4);
  }

  private final int parallelism;
  private final Semaphore slots;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private ExecutorService executor; // created on the first submit: most copies are one file

  CopyPool(int parallelism) {
    this.parallelism = parallelism;
    this.slots = new Semaphore(parallelism);
  }

  void submit(IoTask task) throws IOException {
    rethrowFailure();
    if (parallelism <= 1) {
      task.run();
      return;
    }
    if (executor == null) {
      executor = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().daemon().factory());
    }
    acquire(1);
    executor.execute(
        () -> {
          try {
            task.run();
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            slots.release();
          }
        });
  }

  /** Waits until every submitted task has finished; throws the first failure. */
  void await() throws IOException {
    if (executor != null) {
      acquire(parallelism);
      slots.release(parallelism);
    }
    rethrowFailure();
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void acquire(int n) throws InterruptedIOException {
    try {
      slots.acquire(n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while copying");
    }
  }

  private void rethrowFailure() throws IOException {
    Throwable t = failure.get();
    switch (t) {
      case null -> {}
      case IOException e -> throw e;
      case UncheckedIOException e -> throw e.getCause();
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new IOException(t);
    }
  }
}
