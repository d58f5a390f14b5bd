package dev.kiln.engine.cache.remote;

/** Where a cache travels: an OCI layout directory, a registry, or inside the exported image's config. */
public enum CacheType {
  LOCAL,
  REGISTRY,
  INLINE;

  static CacheType parse(String value) {
    return switch (value) {
      case "local" -> LOCAL;
      case "registry" -> REGISTRY;
      case "inline" -> INLINE;
      default -> throw new IllegalArgumentException("unknown cache type '" + value + "' (local, registry or inline)");
    };
  }
}
