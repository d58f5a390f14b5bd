package dev.kiln.engine.fs;

import java.time.Instant;

/** Creates or overwrites a regular file with {@code data}, then applies mode, owner and time. */
public record Mkfile(String path, int mode, byte[] data, Owner owner, Instant time)
    implements FileAction {
  @Override
  public String describe() {
    return "mkfile " + path;
  }
}
