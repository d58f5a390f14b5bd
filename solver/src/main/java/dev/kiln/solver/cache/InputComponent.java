package dev.kiln.solver.cache;

import java.util.Objects;

/**
 * How one input of a vertex entered a cache key: by the input's own cache key, or by a checksum of its
 * content. {@code selector} narrows what of the input the op uses (e.g. a path); {@code ""} means all.
 */
public sealed interface InputComponent {
  int index();

  String selector();

  /** Definition-based: the input's cache key. */
  record ByKey(int index, String selector, String key) implements InputComponent {
    public ByKey {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(key, "key");
    }
  }

  /** Content-based: a checksum the op computed over the input's result. */
  record ByContent(int index, String selector, String contentDigest) implements InputComponent {
    public ByContent {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(contentDigest, "contentDigest");
    }
  }
}
