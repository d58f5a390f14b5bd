package dev.kiln.solver.flight;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One execution per key at a time (BuildKit {@code util/flightcontrol}). The first caller of
 * {@link #run} for a key starts the work on its own virtual thread; later callers for the same key join
 * it. Every waiter receives the result (through {@link Sharing#share}), the work's progress events (a
 * replay of those emitted before it joined, then live ones), or its failure. A waiter that is interrupted
 * leaves; the work is interrupted only when the last waiter has left. A finished or cancelled execution
 * is forgotten, so the next caller starts afresh (a cancelled execution may still be winding down then).
 *
 * <p>Thread-safe. Lock order: this object, then a flight; listeners run under the flight's lock and must
 * not call back into this object.
 *
 * @param <K> key type
 * @param <V> result type; each waiter owns what it receives
 * @param <E> progress event type
 */
public final class SingleFlight<K, V, E> {
  /** The work of one execution; {@code progress} is thread-safe. */
  @FunctionalInterface
  public interface Work<V, E> {
    V run(Consumer<? super E> progress) throws Exception;
  }

  /** How one result becomes one per waiter (e.g. clone a reference-counted handle). */
  public interface Sharing<V> {
    /** A value for one waiter, which then owns it. */
    V share(V value);

    /** Called once with the original value after all shares were made (or when nobody wanted it). */
    void discard(V value);

    static <V> Sharing<V> identity() {
      return new Sharing<>() {
        @Override
        public V share(V value) {
          return value;
        }

        @Override
        public void discard(V value) {}
      };
    }
  }

  private final Map<K, Flight<K, V, E>> flights = new HashMap<>(); // guarded by this
  /** Executions whose thread has not returned, forgotten or not: cancelled ones still winding down too. */
  private final Set<Flight<K, V, E>> running = new HashSet<>(); // guarded by this
  private final Sharing<V> sharing;

  public SingleFlight(Sharing<V> sharing) {
    this.sharing = sharing;
  }

  public SingleFlight() {
    this(Sharing.identity());
  }

  /**
   * Runs {@code work} for {@code key}, or joins the execution already running for it, and waits.
   *
   * @param listener receives this waiter's progress events; quick, non-blocking, never throws
   * @throws InterruptedException this caller was interrupted and left (the work goes on if others wait)
   * @throws ExecutionException the work failed; the cause is what it threw
   */
  public V run(K key, Work<V, E> work, Consumer<? super E> listener)
      throws InterruptedException, ExecutionException {
    var waiter = new Waiter<V, E>(listener);
    Flight<K, V, E> flight;
    boolean started;
    synchronized (this) {
      flight = flights.get(key);
      started = flight == null;
      if (started) {
        flight = new Flight<>(this, key, work);
        flights.put(key, flight);
        running.add(flight);
      }
      flight.join(waiter);
    }
    if (started) {
      flight.start();
    }
    return flight.await(waiter);
  }

  /** Number of executions currently in flight (for tests and metrics). */
  public synchronized int inFlight() {
    return flights.size();
  }

  synchronized void forget(K key, Flight<K, V, E> flight) {
    flights.remove(key, flight);
  }

  /**
   * Waits until every execution started so far has returned, including cancelled ones still
   * winding down (a container being stopped, its mounts released), which no waiter waits for:
   * whoever closes what the work uses calls this first.
   *
   * @return false when some were still running after {@code timeout}
   */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!running.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Called by a flight's thread as it returns; never under the flight's lock. */
  synchronized void returned(Flight<K, V, E> flight) {
    running.remove(flight);
    if (running.isEmpty()) notifyAll();
  }

  Sharing<V> sharing() {
    return sharing;
  }
}
