package dev.kiln.cli.progress;

import dev.kiln.proto.control.StatusResponse;

/**
 * One way of showing progress. Calls arrive in stream order from one thread at a time ({@link
 * ProgressDisplay} serializes them); a renderer may also draw from its own timer thread.
 */
sealed interface Renderer permits PlainRenderer, TtyRenderer, RawJsonRenderer, QuietRenderer {
  /** A message was merged into the model; {@code update} says what it changed. */
  void onUpdate(StatusResponse raw, Update update);

  /** The stream ended: flush everything, draw the final state. Does not close the streams. */
  void close(Update rest, Snapshot end);
}
