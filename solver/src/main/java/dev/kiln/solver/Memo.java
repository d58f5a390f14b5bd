package dev.kiln.solver;

/**
 * Computes a value once per job and lets concurrent callers wait for it. A failure is remembered; an
 * interruption is not (the computation was abandoned, so the next caller computes afresh).
 */
final class Memo<T> {
  @FunctionalInterface
  interface Computation<T> {
    T compute() throws InterruptedException;
  }

  private boolean running; // guarded by this
  private boolean done;
  private T value;
  private RuntimeException failure;

  T get(Computation<T> computation) throws InterruptedException {
    synchronized (this) {
      while (running) {
        wait();
      }
      if (done) {
        return outcome();
      }
      running = true;
    }
    try {
      T computed = computation.compute();
      finish(computed, null);
      return computed;
    } catch (RuntimeException e) {
      finish(null, e);
      throw e;
    } catch (InterruptedException | Error e) {
      synchronized (this) {
        running = false;
        notifyAll();
      }
      throw e;
    }
  }

  /** The value if computed successfully, else null; never waits. */
  synchronized T peek() {
    return done && failure == null ? value : null;
  }

  private synchronized void finish(T computed, RuntimeException error) {
    value = computed;
    failure = error;
    done = true;
    running = false;
    notifyAll();
  }

  private T outcome() {
    if (failure != null) {
      throw failure;
    }
    return value;
  }
}
