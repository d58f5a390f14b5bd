package dev.kiln.daemon.progress;

import dev.kiln.proto.control.StatusResponse;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One build's status stream: every {@code StatusResponse} so far, replayed to each {@code Status}
 * call that attaches, then live updates until {@link #finish}. Thread-safe.
 */
public final class BuildJob implements ProgressListener {
  /** What a subscriber's queue yields after the last response. */
  public static final StatusResponse END = StatusResponse.getDefaultInstance();

  private final String ref;
  private final StatusConverter converter = new StatusConverter();
  private final List<StatusResponse> history = new ArrayList<>();
  private final List<LinkedBlockingQueue<StatusResponse>> subscribers = new ArrayList<>();
  private boolean finished;

  public BuildJob(String ref) {
    this.ref = ref;
  }

  public String ref() {
    return ref;
  }

  public StatusConverter converter() {
    return converter;
  }

  @Override
  public synchronized void onEvent(ProgressEvent event) {
    publish(converter.convert(event));
  }

  public synchronized void publish(StatusResponse response) {
    if (finished) return;
    history.add(response);
    subscribers.forEach(q -> q.add(response));
  }

  /** A queue with the history so far, then live responses, then {@link #END}. */
  public synchronized LinkedBlockingQueue<StatusResponse> subscribe() {
    LinkedBlockingQueue<StatusResponse> queue = new LinkedBlockingQueue<>(history);
    if (finished) {
      queue.add(END);
    } else {
      subscribers.add(queue);
    }
    return queue;
  }

  public synchronized void finish() {
    if (finished) return;
    finished = true;
    subscribers.forEach(q -> q.add(END));
    subscribers.clear();
  }
}
