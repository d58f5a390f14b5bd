package dev.kiln.engine.fs;

import java.time.Instant;

/**
 * Creates a directory. Without {@code makeParents} the parent must exist and so must not the
 * directory; with it, missing parents get the same mode, owner and time, and an existing
 * directory is left as it is.
 *
 * @param owner null keeps root:root (the creator)
 * @param time null keeps the current time
 */
public record Mkdir(String path, int mode, boolean makeParents, Owner owner, Instant time)
    implements FileAction {
  @Override
  public String describe() {
    return "mkdir " + path;
  }
}
