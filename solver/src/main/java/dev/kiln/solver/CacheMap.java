package dev.kiln.solver;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to key an op (BuildKit {@code solver.CacheMap}).
 *
 * @param digest digest of the op's definition without non-semantic metadata (names, descriptions, input
 *     digests — inputs enter the key through {@code deps})
 * @param deps one entry per input, in input order
 */
public record CacheMap(String digest, List<Dep> deps) {
  public CacheMap {
    Objects.requireNonNull(digest, "digest");
    deps = List.copyOf(deps);
  }

  /** A cache map for an op whose inputs all enter the key by their own keys. */
  public static CacheMap of(String digest, int inputs) {
    return new CacheMap(digest, java.util.Collections.nCopies(inputs, Dep.whole()));
  }

  /**
   * How one input enters the key.
   *
   * @param selector what of the input the op uses (e.g. a path); {@code ""} for all of it. Part of the key.
   * @param digester when present, a content-based key variant is computed with its checksum
   */
  public record Dep(String selector, Optional<ContentDigester> digester) {
    public Dep {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(digester, "digester");
    }

    /** The whole input, keyed by its cache key. */
    public static Dep whole() {
      return new Dep("", Optional.empty());
    }

    public static Dep selected(String selector) {
      return new Dep(selector, Optional.empty());
    }

    /** Keyed by the content checksum {@code digester} computes over {@code selector}. */
    public static Dep content(String selector, ContentDigester digester) {
      return new Dep(selector, Optional.of(digester));
    }
  }
}
