package dev.kiln.engine.exporter.layer;

import java.nio.file.Path;

/** One entry of a layer, named relative to the root without a leading slash. */
public sealed interface Change {
  String name();

  /** A path added or changed; {@code source} is where its bytes and metadata are read. */
  record Add(String name, Path source) implements Change {}

  /** A path of the lower layers removed: written as {@code .wh.<name>}. */
  record Delete(String name) implements Change {}

  /** A directory whose lower contents are hidden: written as {@code <dir>/.wh..wh..opq}. */
  record Opaque(String name) implements Change {}
}
