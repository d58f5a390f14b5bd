package dev.kiln.bench.scenario;

/** One timed build: wall time, CPU seconds of every process it used, and the largest RSS seen. */
record Measured(double wallSeconds, double cpuSeconds, long peakRssKib) {
  static Measured sum(Measured a, Measured b) {
    return new Measured(a.wallSeconds + b.wallSeconds, a.cpuSeconds + b.cpuSeconds,
        Math.max(a.peakRssKib, b.peakRssKib));
  }
}
