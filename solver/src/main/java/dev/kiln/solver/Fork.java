package dev.kiln.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs sibling tasks (a vertex's inputs) each on its own virtual thread and waits for all. The first
 * failure, or an interrupt of the waiting thread, interrupts the others, so cancelling a job's solve
 * threads reaches every thread below them; no task outlives the call. Tasks already {@link Done} take no
 * thread, which keeps wide, well-shared graphs cheap, and a single pending task runs on the calling
 * thread (a chain of steps, the common shape, then starts no thread per step) unless the chain has
 * already nested {@value #MAX_INLINE_DEPTH} calls deep on this thread: a fresh thread then starts with a
 * fresh stack.
 */
final class Fork {
  static final int MAX_INLINE_DEPTH = 64;
  private static final ThreadLocal<int[]> INLINE_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  @FunctionalInterface
  interface Task<T> {
    T run() throws InterruptedException;
  }

  /** A task whose value is already known. */
  record Done<T>(T value) implements Task<T> {
    @Override
    public T run() {
      return value;
    }
  }

  private Fork() {}

  static <T> List<T> all(JobThreads job, List<Task<T>> tasks) throws InterruptedException {
    if (job.cancelled()) {
      throw new InterruptedException("job cancelled");
    }
    var pending = pendingIndex(tasks);
    if (pending >= 0) {
      int[] depth = INLINE_DEPTH.get();
      if (depth[0] < MAX_INLINE_DEPTH) {
        return inline(tasks, pending, depth);
      }
    }
    var join = new Join(tasks.size());
    var results = new Object[tasks.size()];
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) instanceof Done<T>(var value)) {
        results[i] = value;
        join.finished(null);
        continue;
      }
      int index = i;
      var task = tasks.get(i);
      threads.add(Thread.ofVirtual().start(() -> {
        Throwable failure = null;
        try {
          results[index] = task.run();
        } catch (Throwable t) {
          failure = t;
        }
        join.finished(failure);
      }));
    }
    var failure = join.awaitAllOrFirstFailure();
    if (failure != null) {
      threads.forEach(Thread::interrupt);
      join.awaitAllUninterruptibly();
      throw rethrow(failure);
    }
    @SuppressWarnings("unchecked")
    List<T> values = (List<T>) Arrays.asList(results);
    return values;
  }

  /** The index of the only task not yet {@link Done}, or -1 when there are none or several. */
  private static <T> int pendingIndex(List<Task<T>> tasks) {
    int pending = -1;
    for (int i = 0; i < tasks.size(); i++) {
      if (!(tasks.get(i) instanceof Done<T>)) {
        if (pending >= 0) return -1;
        pending = i;
      }
    }
    return pending;
  }

  /** Runs the one pending task here: an interrupt of this thread reaches it directly. */
  private static <T> List<T> inline(List<Task<T>> tasks, int pending, int[] depth)
      throws InterruptedException {
    var results = new ArrayList<T>(tasks.size());
    for (var task : tasks) {
      results.add(task instanceof Done<T>(var value) ? value : null);
    }
    depth[0]++;
    try {
      results.set(pending, tasks.get(pending).run());
    } finally {
      depth[0]--;
    }
    return results;
  }

  private static InterruptedException rethrow(Throwable cause) {
    return switch (cause) {
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      case InterruptedException e -> e;
      default -> throw new IllegalStateException("unexpected checked exception from a solve task", cause);
    };
  }

  /** Counts finished tasks and remembers the first failure; the waiter's own interrupt counts as one. */
  private static final class Join {
    private int remaining; // guarded by this
    private Throwable failure;

    Join(int tasks) {
      remaining = tasks;
    }

    synchronized void finished(Throwable error) {
      remaining--;
      if (error != null && failure == null) {
        failure = error;
      }
      notifyAll();
    }

    synchronized Throwable awaitAllOrFirstFailure() {
      try {
        while (remaining > 0 && failure == null) {
          wait();
        }
      } catch (InterruptedException e) {
        failure = e;
      }
      return failure;
    }

    synchronized void awaitAllUninterruptibly() {
      boolean interrupted = false;
      while (remaining > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
