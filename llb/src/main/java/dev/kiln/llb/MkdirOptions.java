package dev.kiln.llb;

/** Options of {@link FileAction#mkdir}. */
public final class MkdirOptions extends FileActionOptions<MkdirOptions> {
  boolean parents;

  MkdirOptions() {}

  /** Creates missing parent directories too. */
  public MkdirOptions parents(boolean p) {
    this.parents = p;
    return this;
  }
}
