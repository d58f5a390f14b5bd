package dev.kiln.solver.flight;

import java.util.function.Consumer;

/** One caller waiting on a {@link Flight}; fields are guarded by the flight's lock. */
final class Waiter<V, E> {
  final Consumer<? super E> listener;
  boolean delivered;
  V value;
  Throwable failure;

  Waiter(Consumer<? super E> listener) {
    this.listener = listener;
  }
}
