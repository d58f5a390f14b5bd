package dev.kiln.engine.fs;

/**
 * Removes a path recursively. A symlink in the last component is removed itself, never its
 * target.
 */
public record Rm(String path, boolean allowNotFound, boolean allowWildcard) implements FileAction {
  @Override
  public String describe() {
    return "rm " + path;
  }
}
