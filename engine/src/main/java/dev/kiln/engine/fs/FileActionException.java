package dev.kiln.engine.fs;

import java.io.IOException;

/**
 * A file action that failed, named with in-root paths only: {@code copy /src/app.c → /app/: no
 * such file or directory: /src/app.c}.
 */
public final class FileActionException extends IOException {
  private final FileAction action;

  public FileActionException(FileAction action, String detail, Throwable cause) {
    super(action.describe() + ": " + detail, cause);
    this.action = action;
  }

  public FileAction action() {
    return action;
  }
}
