package dev.kiln.engine.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/** Copies a whole tree preserving modes, owners, xattrs, links and times (like {@code cp -a}). */
@FunctionalInterface
public interface TreeCopy {
  void copy(Path from, Path to) throws IOException;
}
