package dev.kiln.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs sibling tasks (a vertex's inputs) each on its own virtual thread and waits for all. The first
 * failure, or an interrupt of the waiting thread, interrupts the others, so cancelling a job's solve
 * threads reaches every thread below them; no task outlives the call. Tasks already {@link Done} take no
 * thread, which keeps wide, well-shared graphs cheap.
 */
final class Fork {
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
