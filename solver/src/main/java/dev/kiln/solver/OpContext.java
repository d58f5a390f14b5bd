package dev.kiln.solver;

import dev.kiln.solver.progress.ProgressWriter;
import java.util.concurrent.Callable;

/** What an op gets while it computes a cache map, a content digest, or executes. Thread-safe. */
public interface OpContext {
  /** The vertex being worked on. */
  Vertex vertex();

  /** Progress and logs; they reach every job waiting on this vertex. */
  ProgressWriter progress();

  /**
   * Runs CPU- or disk-heavy work under the solver-wide limit (one permit per core), blocking until a permit
   * is free. Interruptible while waiting.
   */
  <T> T heavy(Callable<T> work) throws Exception;
}
