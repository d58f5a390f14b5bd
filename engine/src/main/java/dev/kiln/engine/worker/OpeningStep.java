package dev.kiln.engine.worker;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One part of a worker's opening that runs on a thread of its own while the rest goes on: opening
 * is mostly first-use work of a fresh JVM (class initialisation, a native library, method handles),
 * which a second core does at the same time.
 */
final class OpeningStep<T> {
  private final FutureTask<T> task;

  private OpeningStep(FutureTask<T> task) {
    this.task = task;
  }

  static <T> OpeningStep<T> start(String name, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread.ofPlatform().name(name).daemon().start(task);
    return new OpeningStep<>(task);
  }

  /** Its result once done; its failure as thrown (an {@link IOException} or unchecked one as it was). */
  T join() throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the engine opened");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IOException(cause.getMessage(), cause);
    }
  }

  /** Waits for it, then closes its result, if any, when the opening failed elsewhere. */
  void joinAndClose(ThrowingCloser<T> closer) {
    try {
      closer.close(join());
    } catch (Exception | Error ignored) {
      // the opening's own failure is the one reported
    }
  }

  interface ThrowingCloser<T> {
    void close(T value) throws Exception;
  }
}
