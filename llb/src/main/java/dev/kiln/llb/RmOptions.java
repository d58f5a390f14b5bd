package dev.kiln.llb;

/** Options of {@link FileAction#rm}. */
public final class RmOptions {
  boolean allowNotFound;
  boolean allowWildcard;

  RmOptions() {}

  public RmOptions allowNotFound() {
    this.allowNotFound = true;
    return this;
  }

  public RmOptions allowWildcard() {
    this.allowWildcard = true;
    return this;
  }
}
