package dev.kiln.engine.fs;

/**
 * One step of an LLB file op, as domain data (no protobuf). Paths are in-root paths; relative
 * ones are taken from {@code /}. Run with {@link FileActions}.
 */
public sealed interface FileAction permits Mkdir, Mkfile, Rm, Copy {
  /** How the action reads in an error message: {@code copy /src/app.c → /app/}. */
  String describe();
}
