package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.sys.Stat;
import java.nio.file.Path;

/** One entry of a layer, named relative to the root without a leading slash. */
public sealed interface Change {
  String name();

  /**
   * A path added or changed; {@code source} is where its bytes and metadata are read.
   *
   * @param stat {@code source}'s lstat when the walk that found it has it (the tree is immutable
   *     while its layer is written), else null: read when the entry is written
   */
  record Add(String name, Path source, Stat stat) implements Change {
    public Add(String name, Path source) {
      this(name, source, null);
    }
  }

  /** A path of the lower layers removed: written as {@code .wh.<name>}. */
  record Delete(String name) implements Change {}

  /** A directory whose lower contents are hidden: written as {@code <dir>/.wh..wh..opq}. */
  record Opaque(String name) implements Change {}
}
