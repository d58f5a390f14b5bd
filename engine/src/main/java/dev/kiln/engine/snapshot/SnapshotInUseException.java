package dev.kiln.engine.snapshot;

import java.io.IOException;

/** A snapshot cannot be removed: something still refers to it ({@code reason} says what). */
public final class SnapshotInUseException extends IOException {
  public SnapshotInUseException(String id, String reason) {
    super("snapshot " + id + " is in use: " + reason);
  }
}
