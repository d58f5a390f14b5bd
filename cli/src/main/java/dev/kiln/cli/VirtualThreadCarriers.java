package dev.kiln.cli;

import java.util.Properties;

/**
 * How many platform threads carry the process's virtual threads (the engine runs every build step
 * on one). The JDK's default is one per core, and a virtual thread that waits for another thread's
 * class initialisation holds its carrier: in a build's first steps (the FFM handles of mounts and
 * xattrs initialise on first use), two stages waiting so stopped the third and fourth of a
 * four-stage build from starting, on two cores, for 60-200 ms. Twice the cores, at least four,
 * lets them start together; CPU-heavy steps are bounded by the solver's own per-core limit.
 */
final class VirtualThreadCarriers {
  static final String PROPERTY = "jdk.virtualThreadScheduler.parallelism";

  private VirtualThreadCarriers() {}

  /** Sets the carrier count, unless given; before any virtual thread starts. */
  static void widen(Properties system, int cores) {
    if (system.getProperty(PROPERTY) == null) system.setProperty(PROPERTY, Integer.toString(Math.max(4, 2 * cores)));
  }
}
