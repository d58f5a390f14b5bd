package dev.kiln.solver;

import dev.kiln.solver.progress.ProgressWriter;
import dev.kiln.solver.progress.VertexEvent;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** The {@link OpContext} of one vertex; its progress goes to {@code sink} as vertex events. */
record VertexContext(Vertex vertex, Consumer<? super VertexEvent> sink, HeavyWorkLimiter limiter)
    implements OpContext, ProgressWriter {
  @Override
  public ProgressWriter progress() {
    return this;
  }

  @Override
  public <T> T heavy(Callable<T> work) throws Exception {
    return limiter.run(work);
  }

  @Override
  public void status(String id, String name, long current, long total, Instant started, Instant completed) {
    sink.accept(new VertexEvent.Status(Instant.now(), id, name, current, total, started, completed));
  }

  @Override
  public void log(int stream, byte[] data) {
    sink.accept(new VertexEvent.Log(Instant.now(), stream, data));
  }
}
