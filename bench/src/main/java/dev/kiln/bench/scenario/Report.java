package dev.kiln.bench.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Collects one scenario's runs per builder and prints medians, ranges and paired ratios. */
final class Report {
  private final StringBuilder text = new StringBuilder();

  /** Runs of one scenario: builder name → measurements in run order (paired by index). */
  static final class Runs {
    final Map<String, List<Measured>> byBuilder = new LinkedHashMap<>();

    void add(String builder, Measured m) {
      byBuilder.computeIfAbsent(builder, k -> new ArrayList<>()).add(m);
    }
  }

  void scenario(String title, Runs runs, String peer, String target) {
    line("");
    line("%s  (target kiln/%s %s)".formatted(title, peer, target));
    line("  %-8s %8s %17s %8s %9s %14s".formatted("builder", "median s", "min–max s", "cpu s", "rss MiB", "ratio vs " + peer));
    List<Measured> peerRuns = runs.byBuilder.get(peer);
    runs.byBuilder.forEach((name, list) -> {
      String ratio = name.equals(peer) || peerRuns == null ? "" : "%.2f".formatted(pairedRatio(list, peerRuns));
      line("  %-8s %8.2f %8.2f–%-8.2f %8.2f %9d %14s".formatted(name, median(list, Measured::wallSeconds),
          min(list), max(list), median(list, Measured::cpuSeconds),
          Math.round(median(list, m -> m.peakRssKib()) / 1024), ratio));
    });
  }

  void line(String s) {
    System.out.println(s);
    System.out.flush();
    text.append(s).append('\n');
  }

  String text() {
    return text.toString();
  }

  /** The median of the run-by-run ratios: pairs share the machine's state of the moment. */
  static double pairedRatio(List<Measured> ours, List<Measured> theirs) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
      ratios.add(ours.get(i).wallSeconds() / theirs.get(i).wallSeconds());
    }
    return medianOf(ratios);
  }

  static double median(List<Measured> list, ToDoubleFunction<Measured> f) {
    return medianOf(list.stream().map(f::applyAsDouble).toList());
  }

  static double medianOf(List<Double> values) {
    if (values.isEmpty()) return Double.NaN;
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Measured> list) {
    return list.stream().mapToDouble(Measured::wallSeconds).min().orElse(Double.NaN);
  }

  private static double max(List<Measured> list) {
    return list.stream().mapToDouble(Measured::wallSeconds).max().orElse(Double.NaN);
  }
}
