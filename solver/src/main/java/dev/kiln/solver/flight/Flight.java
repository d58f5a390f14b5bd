package dev.kiln.solver.flight;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/** One execution of a {@link SingleFlight}: its waiters, its progress history and its outcome. */
final class Flight<K, V, E> {
  private final SingleFlight<K, V, E> owner;
  private final K key;
  private final SingleFlight.Work<V, E> work;
  private final Thread thread;
  private final CountDownLatch finished = new CountDownLatch(1);
  // Guarded by this. Events are kept for replay to late joiners while the flight runs.
  private final List<E> events = new ArrayList<>();
  private final List<Waiter<V, E>> waiters = new ArrayList<>();
  private boolean cancelled;
  private boolean done;

  Flight(SingleFlight<K, V, E> owner, K key, SingleFlight.Work<V, E> work) {
    this.owner = owner;
    this.key = key;
    this.work = work;
    this.thread = Thread.ofVirtual().name("flight-" + key).unstarted(this::execute);
  }

  void start() {
    thread.start();
  }

  /** Caller holds the owner's lock, so a joiner never attaches to a finished or cancelled flight. */
  synchronized void join(Waiter<V, E> waiter) {
    for (var event : events) {
      waiter.listener.accept(event);
    }
    waiters.add(waiter);
  }

  V await(Waiter<V, E> waiter) throws InterruptedException, ExecutionException {
    try {
      finished.await();
    } catch (InterruptedException e) {
      leave(waiter);
      throw e;
    }
    synchronized (this) {
      if (waiter.failure != null) {
        throw new ExecutionException(waiter.failure);
      }
      return waiter.value;
    }
  }

  private void leave(Waiter<V, E> waiter) {
    V unwanted = null;
    synchronized (owner) {
      synchronized (this) {
        if (waiter.delivered) {
          unwanted = waiter.value; // finished while we were leaving: give our share back
        } else {
          waiters.remove(waiter);
          if (waiters.isEmpty() && !done) {
            cancelled = true;
            owner.forget(key, this);
            thread.interrupt();
          }
        }
      }
    }
    if (unwanted != null) {
      owner.sharing().discard(unwanted);
    }
  }

  private void emit(E event) {
    synchronized (this) {
      events.add(event);
      for (var waiter : waiters) {
        waiter.listener.accept(event);
      }
    }
  }

  private void execute() {
    try {
      synchronized (this) {
        if (cancelled) {
          return; // every waiter left before the thread started
        }
      }
      V value = null;
      Throwable failure = null;
      try {
        value = work.run(this::emit);
      } catch (Throwable t) {
        failure = t;
      }
      complete(value, failure);
    } finally {
      owner.returned(this);
    }
  }

  private void complete(V value, Throwable failure) {
    synchronized (owner) {
      owner.forget(key, this);
      synchronized (this) {
        done = true;
        for (var waiter : waiters) {
          waiter.delivered = true;
          waiter.failure = failure;
          waiter.value = failure == null ? owner.sharing().share(value) : null;
        }
        events.clear();
      }
    }
    // Discard before waking the waiters, so that when they return the original is already let go.
    if (failure == null && value != null) {
      owner.sharing().discard(value);
    }
    finished.countDown();
  }
}
