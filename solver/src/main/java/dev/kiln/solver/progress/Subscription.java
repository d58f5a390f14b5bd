package dev.kiln.solver.progress;

/** A listener's registration; closing it stops delivery. Idempotent. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
