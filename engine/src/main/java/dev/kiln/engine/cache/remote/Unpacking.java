package dev.kiln.engine.cache.remote;

import dev.kiln.solver.OpContext;
import dev.kiln.solver.Vertex;
import dev.kiln.solver.progress.ProgressWriter;
import java.util.concurrent.Callable;

/** Unpacking an imported layer outside any op: no vertex, no progress, work on the caller's thread. */
enum Unpacking implements OpContext {
  CONTEXT;

  @Override
  public Vertex vertex() {
    throw new UnsupportedOperationException("an imported cache layer belongs to no vertex");
  }

  @Override
  public ProgressWriter progress() {
    return ProgressWriter.discarding();
  }

  @Override
  public <T> T heavy(Callable<T> work) throws Exception {
    return work.call();
  }
}
