package dev.kiln.llb;

/** Options of {@link State#file}. */
public final class FileOptions extends OpOptions<FileOptions> {
  FileOptions() {}
}
