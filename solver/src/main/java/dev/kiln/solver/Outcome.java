package dev.kiln.solver;

import dev.kiln.solver.flight.SingleFlight;
import java.util.List;

/** What one shared execution yields: a vertex's outputs and whether they came from the cache. */
record Outcome(List<Result> outputs, boolean cached) {
  /** Every waiter of a flight gets its own handles. */
  static final SingleFlight.Sharing<Outcome> SHARING = new SingleFlight.Sharing<>() {
    @Override
    public Outcome share(Outcome value) {
      return new Outcome(value.outputs().stream().map(Result::clone).toList(), value.cached());
    }

    @Override
    public void discard(Outcome value) {
      value.outputs().forEach(Result::release);
    }
  };
}
