package dev.kiln.engine.cache.remote;

/** Which results an exported cache carries: the final result only, or every step's. */
public enum CacheMode {
  MIN,
  MAX;

  static CacheMode parse(String value) {
    return switch (value) {
      case "min" -> MIN;
      case "max" -> MAX;
      default -> throw new IllegalArgumentException("cache mode must be min or max, not '" + value + "'");
    };
  }
}
