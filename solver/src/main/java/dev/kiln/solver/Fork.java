package dev.kiln.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs sibling tasks (a vertex's inputs) each on its own virtual thread of the job and waits for all. The
 * first failure interrupts the others and is rethrown; no task outlives the call.
 */
final class Fork {
  @FunctionalInterface
  interface Task<T> {
    T run() throws InterruptedException;
  }

  private Fork() {}

  static <T> List<T> all(JobThreads job, List<Task<T>> tasks) throws InterruptedException {
    if (tasks.isEmpty()) {
      return List.of();
    }
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var completion = new ExecutorCompletionService<T>(executor);
      var futures = new ArrayList<Future<T>>(tasks.size());
      for (var task : tasks) {
        Callable<T> registered = () -> job.run(task::run);
        futures.add(completion.submit(registered));
      }
      try {
        for (int i = 0; i < tasks.size(); i++) {
          completion.take().get();
        }
      } catch (ExecutionException e) {
        futures.forEach(f -> f.cancel(true));
        throw rethrow(e.getCause());
      } catch (InterruptedException e) {
        futures.forEach(f -> f.cancel(true));
        throw e;
      }
      return futures.stream().map(Future::resultNow).toList();
    }
  }

  private static InterruptedException rethrow(Throwable cause) {
    return switch (cause) {
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      case InterruptedException e -> e;
      default -> throw new IllegalStateException("unexpected checked exception from a solve task", cause);
    };
  }
}
