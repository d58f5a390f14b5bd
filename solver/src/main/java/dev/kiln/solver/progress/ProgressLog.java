package dev.kiln.solver.progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The progress stream of one job: keeps every event in order, fans it out to listeners, and replays the
 * history to late subscribers. Log bytes beyond {@code memoryBudget} are spilled to a temp file instead of
 * being dropped, and read back for replay. Thread-safe; listeners run under this object's lock, which
 * keeps every listener's view in the same order.
 */
public final class ProgressLog implements AutoCloseable {
  /** A stored entry: the event itself, or a log whose bytes live in the spill file. */
  private sealed interface Entry {}

  private record Kept(ProgressEvent event) implements Entry {}

  private record Spilled(VertexRef vertex, VertexEvent.Log header, LogSpill.Chunk chunk) implements Entry {}

  private final long memoryBudget;
  private final LogSpill spill;
  private final List<Entry> entries = new ArrayList<>();
  private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
  private long logBytesInMemory;
  private boolean closed;

  /** @param memoryBudget log bytes kept in memory before spilling to a file in {@code spillDirectory} */
  public ProgressLog(long memoryBudget, Path spillDirectory) {
    this.memoryBudget = memoryBudget;
    this.spill = new LogSpill(spillDirectory);
  }

  /** Records an event and delivers it to the current listeners; ignored once closed. */
  public synchronized void publish(ProgressEvent event) {
    if (closed) {
      return; // the job is gone; nobody can read this any more
    }
    entries.add(store(event));
    for (var listener : listeners) {
      deliver(listener, event);
    }
  }

  private void deliver(ProgressListener listener, ProgressEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // A broken listener must not fail the op that reported progress: drop it. The history stays intact.
      listeners.remove(listener);
    }
  }

  /**
   * Replays everything published so far to {@code listener}, then delivers new events until the returned
   * handle is closed.
   */
  public synchronized Subscription subscribe(ProgressListener listener) {
    listeners.add(listener);
    for (var event : history()) {
      deliver(listener, event);
    }
    return () -> listeners.remove(listener);
  }

  /** All events so far, in publication order, with spilled logs read back. */
  public synchronized List<ProgressEvent> history() {
    var events = new ArrayList<ProgressEvent>(entries.size());
    for (var entry : entries) {
      events.add(switch (entry) {
        case Kept(var event) -> event;
        case Spilled(var vertex, var header, var chunk) ->
            new ProgressEvent(vertex, new VertexEvent.Log(header.time(), header.stream(), spill.read(chunk)));
      });
    }
    return events;
  }

  /** Deletes the spill file; the history is no longer readable afterwards. */
  @Override
  public synchronized void close() {
    closed = true;
    listeners.clear();
    entries.clear();
    spill.close();
  }

  private Entry store(ProgressEvent event) {
    if (!(event.event() instanceof VertexEvent.Log log)) {
      return new Kept(event);
    }
    if (logBytesInMemory + log.size() <= memoryBudget) {
      logBytesInMemory += log.size();
      return new Kept(event);
    }
    try {
      var header = new VertexEvent.Log(log.time(), log.stream(), new byte[0]);
      return new Spilled(event.vertex(), header, spill.append(log.data()));
    } catch (IOException e) {
      // Over budget is better than losing output: keep it in memory.
      logBytesInMemory += log.size();
      return new Kept(event);
    }
  }
}
