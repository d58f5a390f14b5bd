package dev.kiln.llb;

/** Options of {@link FileAction#mkfile}. */
public final class MkfileOptions extends FileActionOptions<MkfileOptions> {
  MkfileOptions() {}
}
