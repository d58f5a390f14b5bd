package dev.kiln.dockerfile.fuzz;

/**
 * How many inputs the fuzz run tries: {@code -Dkiln.fuzz.tries} in total over all fuzz properties
 * (default {@value #DEFAULT_TOTAL}), shared out evenly, so the default run stays quick and a long
 * run needs no code change. {@code -Dkiln.fuzz.seed} replays a run.
 */
final class FuzzTries {
  static final int DEFAULT_TOTAL = 5_000;
  static final int PROPERTIES = 3;
  static final long DEFAULT_SEED = 0x6b696c6e66757a7aL;

  private FuzzTries() {}

  static int perProperty() {
    String v = System.getProperty("kiln.fuzz.tries", "");
    int total = v.isBlank() ? DEFAULT_TOTAL : Integer.parseInt(v.strip());
    return Math.max(1, total / PROPERTIES);
  }

  static long seed() {
    String v = System.getProperty("kiln.fuzz.seed", "");
    return v.isBlank() ? DEFAULT_SEED : Long.parseLong(v.strip());
  }
}
