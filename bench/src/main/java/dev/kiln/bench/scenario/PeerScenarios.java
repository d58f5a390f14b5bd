package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs scenarios S1–S7 (and, when asked for with {@code --only S8}, the cache export/import scenario
 * {@link CacheTravel}) with Kiln (embedded and through kilnd) and buildah side by side, alternating
 * which goes first run by run, and prints the figures. Started by bench/run-peer-scenarios.sh,
 * which provides the launchers and a loopback registry holding the base image.
 */
public final class PeerScenarios {
  private final Options o;
  private final Report report = new Report();
  private final KilnEmbedded kiln;
  private final KilnDaemon kilnd;
  private final Buildah buildah;
  private final List<Builder> builders;

  record Options(Path kiln, Path kilnd, String base, Path work, int runs, Set<String> only) {
    static Options parse(String[] args) {
      Path kiln = null, kilnd = null, work = null;
      String base = null;
      int runs = 5;
      Set<String> only = Set.of("S1", "S2", "S3", "S4", "S5", "S6", "S7");
      for (int i = 0; i < args.length; i++) {
        String v = args[++i];
        switch (args[i - 1]) {
          case "--kiln" -> kiln = Path.of(v);
          case "--kilnd" -> kilnd = Path.of(v);
          case "--base" -> base = v;
          case "--work" -> work = Path.of(v);
          case "--runs" -> runs = Integer.parseInt(v);
          case "--only" -> only = Set.of(v.toUpperCase().split(","));
          default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
        }
      }
      if (kiln == null || kilnd == null || base == null || work == null) {
        throw new IllegalArgumentException("usage: --kiln PATH --kilnd PATH --base IMAGE --work DIR [--runs N] [--only S1,S2]");
      }
      return new Options(kiln, kilnd, base, work, runs, only);
    }
  }

  private PeerScenarios(Options o) throws IOException {
    this.o = o;
    Path logs = Files.createDirectories(o.work.resolve("logs"));
    Files.createDirectories(o.work.resolve("out"));
    kiln = new KilnEmbedded(o.kiln, o.work.resolve("kiln-root"), logs.resolve("kiln.log"));
    kilnd = new KilnDaemon(o.kiln, o.kilnd, o.work.resolve("kilnd-root"), logs.resolve("kilnd.log"));
    buildah = new Buildah(o.work.resolve("buildah"), logs.resolve("buildah.log"));
    builders = List.of(kiln, kilnd, buildah);
  }

  public static void main(String[] args) throws Exception {
    PeerScenarios s = new PeerScenarios(Options.parse(args));
    try {
      s.run();
    } finally {
      s.kilnd.close();
    }
  }

  private void run() throws Exception {
    report.line("Scenario benchmarks: %d runs each, work dir %s, base %s".formatted(o.runs, o.work, o.base));
    report.line("machine: %d cores, %s".formatted(Runtime.getRuntime().availableProcessors(), Machine.describe()));
    if (o.only.contains("S1")) s1Cold();
    if (o.only.contains("S2")) s2NoOp();
    if (o.only.contains("S3")) s3OneFile();
    if (o.only.contains("S4")) s4BigLayer();
    if (o.only.contains("S5")) s5Parallel();
    if (o.only.contains("S6")) s6Memory();
    if (o.only.contains("S7")) s7Concurrency();
    if (o.only.contains("S8")) {
      new CacheTravel(kiln, buildah, o.work, CacheTravel.registryOf(o.base)).run(report, o.base, Math.min(o.runs, 3));
    }
    Files.writeString(o.work.resolve("results.txt"), report.text());
  }

  private Path s1Context() throws IOException {
    return Contexts.twoStage(o.work.resolve("ctx/s1"), o.base, 1);
  }

  private void s1Cold() throws Exception {
    Path ctx = s1Context();
    Report.Runs runs = new Report.Runs();
    for (int i = 0; i < o.runs; i++) {
      for (Builder b : order(i)) {
        b.reset();
        runs.add(b.name(), build(b, ctx));
      }
    }
    report.scenario("S1 cold: two stages, 50 files, 3 RUN steps, all caches empty", runs, "buildah", "≤ 0.28");
  }

  private void s2NoOp() throws Exception {
    Path ctx = s1Context();
    for (Builder b : builders) build(b, ctx); // warm every cache
    Report.Runs runs = new Report.Runs();
    for (int i = 0; i < o.runs; i++) {
      for (Builder b : order(i)) runs.add(b.name(), build(b, ctx));
    }
    report.scenario("S2 no-op: S1 again, everything cached", runs, "buildah", "≤ 0.10");
  }

  private void s3OneFile() throws Exception {
    Path ctx = o.work.resolve("ctx/s3");
    Contexts.manyFiles(ctx, o.base);
    for (Builder b : builders) build(b, ctx);
    Report.Runs runs = new Report.Runs();
    for (int i = 0; i < o.runs; i++) {
      Contexts.touchOne(ctx, i);
      for (Builder b : order(i)) runs.add(b.name(), build(b, ctx));
    }
    report.scenario("S3 one file changed in COPY . of 20,000 files / 200 MB, then a RUN", runs, "buildah", "≤ 0.30");
  }

  private void s4BigLayer() throws Exception {
    Path ctx = Contexts.bigLayer(o.work.resolve("ctx/s4"), o.base);
    Report.Runs runs = new Report.Runs();
    for (int i = 0; i < Math.min(o.runs, 3); i++) {
      for (Builder b : order(i)) {
        b.reset();
        runs.add(b.name(), build(b, ctx));
      }
    }
    report.scenario("S4 big layer: RUN writes 1 GiB (half incompressible), cold, gzip export", runs, "buildah", "≤ 0.60");
  }

  private void s5Parallel() throws Exception {
    for (Builder b : builders) build(b, Contexts.parallelStages(o.work.resolve("ctx/s5-0"), o.base, 0));
    Report.Runs runs = new Report.Runs();
    for (int i = 1; i <= o.runs; i++) {
      Path ctx = Contexts.parallelStages(o.work.resolve("ctx/s5-" + i), o.base, i);
      for (Builder b : order(i)) runs.add(b.name(), build(b, ctx));
    }
    report.scenario("S5 parallel: four stages each RUN sleep 1, copied into a final stage (base cached)",
        runs, "buildah", "≤ 0.25, wall ≤ 1.5 s");
  }

  private void s6Memory() throws Exception {
    kilnd.reset();
    long idle = idleRssKib();
    Path s1 = s1Context();
    Path s3 = Contexts.manyFiles(o.work.resolve("ctx/s3"), o.base);
    build(kilnd, s1);
    build(kilnd, s1);
    build(kilnd, s3);
    long afterFirst = idleRssKib();
    for (int i = 0; i < 20; i++) {
      if (i % 2 == 0) {
        build(kilnd, s1);
      } else {
        Contexts.touchOne(s3, 100 + i);
        build(kilnd, s3);
      }
    }
    long after20 = idleRssKib();
    report.line("");
    report.line("S6 memory: kilnd RSS idle %d MiB (target ≤ 60), after S1–S3 %d MiB, after 20 more builds %d MiB (growth %.0f %%, target ≤ 20 %%; each after 7 s idle)"
        .formatted(idle / 1024, afterFirst / 1024, after20 / 1024, 100.0 * (after20 - afterFirst) / afterFirst));
  }

  /**
   * kilnd's RSS once it has been idle as long at each point of S6 (the idle daemon, and after the
   * builds): what a daemon holds between builds, past the launcher's 5 s idle collection, rather
   * than the transient heap of the build that just ended.
   */
  private long idleRssKib() throws IOException, InterruptedException {
    Thread.sleep(7_000);
    return kilnd.rssKib();
  }

  private void s7Concurrency() throws Exception {
    List<Path> contexts = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      contexts.add(Contexts.twoStage(o.work.resolve("ctx/s7-" + k), o.base, 100 + k));
    }
    Path prime = Files.createDirectories(o.work.resolve("ctx/s7-prime"));
    Files.writeString(prime.resolve("Dockerfile"), "FROM " + o.base + "\nRUN true\n");
    List<Double> ratios = new ArrayList<>();
    List<Double> serials = new ArrayList<>();
    List<Double> concurrents = new ArrayList<>();
    for (int i = 0; i < Math.min(o.runs, 3); i++) {
      kilnd.reset();
      build(kilnd, prime);
      long t0 = System.nanoTime();
      for (Path ctx : contexts) build(kilnd, ctx);
      double serial = (System.nanoTime() - t0) / 1e9;
      kilnd.reset();
      build(kilnd, prime);
      t0 = System.nanoTime();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Measured>> all = new ArrayList<>();
        for (int k = 0; k < contexts.size(); k++) {
          Path ctx = contexts.get(k);
          Path out = o.work.resolve("out/s7-" + k + ".tar");
          all.add(pool.submit(() -> TimedCommand.run(
              KilnEmbedded.command(o.kiln, List.of("--addr", kilnd.address()), ctx, out), o.work.resolve("logs/s7.log"))));
        }
        for (Future<Measured> f : all) f.get();
      }
      double concurrent = (System.nanoTime() - t0) / 1e9;
      serials.add(serial);
      concurrents.add(concurrent);
      ratios.add(concurrent / serial);
    }
    report.line("");
    report.line("S7 concurrency: 8 different builds on one kilnd: serial %.2f s, concurrent %.2f s, ratio %.2f (target ≤ 0.6)"
        .formatted(Report.medianOf(serials), Report.medianOf(concurrents), Report.medianOf(ratios)));
  }

  private Measured build(Builder b, Path ctx) throws IOException, InterruptedException {
    Path out = o.work.resolve("out/" + b.name() + ".tar");
    Files.deleteIfExists(out);
    Measured m = b.build(ctx, out);
    if (!Files.isRegularFile(out) || Files.size(out) == 0) {
      throw new IOException(b.name() + " wrote no image to " + out);
    }
    Files.delete(out);
    return m;
  }

  /** Alternates who goes first, so neither side always meets a warm or a cold page cache. */
  private List<Builder> order(int run) {
    return run % 2 == 0 ? builders : builders.reversed();
  }
}
