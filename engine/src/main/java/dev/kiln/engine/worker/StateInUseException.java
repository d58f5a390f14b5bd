package dev.kiln.engine.worker;

import java.io.IOException;

/** Another process holds the state directory's lock; retrying later may succeed. */
public final class StateInUseException extends IOException {
  public StateInUseException(String message) {
    super(message);
  }
}
