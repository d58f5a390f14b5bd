package dev.kiln.bench;

import static dev.kiln.bench.Timing.median;
import static dev.kiln.bench.Timing.run;
import static dev.kiln.bench.Timing.time;

import dev.kiln.engine.cache.contenthash.ChecksumOptions;
import dev.kiln.engine.cache.contenthash.ContentHasher;
import dev.kiln.engine.cache.contenthash.LocalContextChecksums;
import dev.kiln.engine.fs.TreeCopier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Scenario for the engine's context I/O, against {@code cp -a} side by side: checksum of a
 * 20,000-file / 200 MB context (first time, then unchanged: a stat walk), and copying it into a
 * snapshot directory. The files are in the page cache, as a context a user just edited is; the
 * first checksum is therefore hashing-bound, not disk-bound. Usage: {@code ContextIoScenario WORKDIR [runs]}; the tree is generated from
 * a fixed seed and removed afterwards.
 */
public final class ContextIoScenario {
  private static final int DIRS = 4;
  private static final int SUBDIRS = 50;
  private static final int FILES_PER_SUBDIR = 100;
  private static final int FILE_SIZE = 10_000;

  private ContextIoScenario() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--memo-run")) {
      memoRun(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    Path work = Files.createDirectories(Path.of(args[0]));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path tree = work.resolve("context");
    long bytes = generate(tree);
    System.out.printf("context: %d files, %.0f MB%n", DIRS * SUBDIRS * FILES_PER_SUBDIR, bytes / 1e6);
    // Files changed within a timestamp tick of a checksum are hashed again next time (they could
    // change unseen); a context is measured as a user's is, edited a moment before, not during.
    Thread.sleep(500);
    checksums(tree, bytes, runs);
    separateProcesses(work, tree, runs);
    copies(work, tree, runs);
    run(List.of("rm", "-rf", tree.toString()));
  }

  private static void checksums(Path tree, long bytes, int runs) throws Exception {
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (ContentHasher hasher = new ContentHasher()) {
        LocalContextChecksums sums = new LocalContextChecksums(hasher, tree);
        cold.add(time(() -> sums.checksum("/", ChecksumOptions.DEFAULT)));
        warm.add(time(() -> sums.checksum("/", ChecksumOptions.DEFAULT)));
      }
    }
    long coldMs = median(cold);
    System.out.printf("checksum, first time: median %d ms (%.0f MB/s; target >= 400 MB/s)%n", coldMs, bytes / 1e3 / coldMs);
    System.out.printf("checksum, unchanged:  median %d ms (target <= 100 ms)%n", median(warm));
  }

  /**
   * What two {@code kiln build}s in a row pay: each run is a new JVM with a memo file under the
   * state root. The first hashes everything and writes the memo; later ones read it and stat.
   */
  private static void separateProcesses(Path work, Path tree, int runs) throws Exception {
    Path memo = work.resolve("memo/context.memo");
    Files.deleteIfExists(memo);
    String[] first = childRun(tree, memo).split(" ");
    List<Long> inside = new ArrayList<>();
    List<Long> wall = new ArrayList<>();
    long hashed = 0;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      String[] r = childRun(tree, memo).split(" ");
      inside.add(Long.parseLong(r[0]));
      hashed = Math.max(hashed, Long.parseLong(r[1]));
      wall.add((System.nanoTime() - start) / 1_000_000);
    }
    System.out.printf("checksum, new process (memo file): first %s ms (%s files hashed); unchanged median %d ms, "
        + "%d files hashed (memo read + stat walk; process wall time incl. JVM start %d ms; target <= 100 ms)%n",
        first[0], first[1], median(inside), hashed, median(wall));
  }

  private static String childRun(Path tree, Path memo) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), ContextIoScenario.class.getName(), "--memo-run", tree.toString(),
        memo.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) throw new IOException("memo run failed");
    return out;
  }

  /** In the child: one checksum with the memo file, printing its milliseconds. */
  private static void memoRun(Path tree, Path memo) throws Exception {
    try (ContentHasher hasher = new ContentHasher()) {
      LocalContextChecksums sums = new LocalContextChecksums(hasher, tree, java.util.Optional.of(memo));
      long ms = time(() -> sums.checksum("/", ChecksumOptions.DEFAULT));
      System.out.println(ms + " " + hasher.filesHashed());
    }
  }

  private static void copies(Path work, Path tree, int runs) throws Exception {
    List<Long> kiln = new ArrayList<>();
    List<Long> cp = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Path a = work.resolve("copy-kiln");
      Path b = work.resolve("copy-cp");
      kiln.add(time(() -> new TreeCopier().copy(tree, a)));
      cp.add(time(() -> run(List.of("cp", "-a", tree.toString(), b.toString()))));
      run(List.of("rm", "-rf", a.toString(), b.toString()));
    }
    long k = median(kiln);
    long c = median(cp);
    System.out.printf("copy into snapshot: kiln median %d ms, cp -a median %d ms, ratio %.2f (target <= 1.5)%n",
        k, c, (double) k / c);
  }

  private static long generate(Path tree) throws IOException {
    Random random = new Random(42);
    byte[] data = new byte[FILE_SIZE];
    long total = 0;
    for (int d = 0; d < DIRS; d++) {
      for (int s = 0; s < SUBDIRS; s++) {
        Path dir = Files.createDirectories(tree.resolve("d" + d).resolve("s" + s));
        for (int f = 0; f < FILES_PER_SUBDIR; f++) {
          random.nextBytes(data);
          Files.write(dir.resolve("f" + f + ".dat"), data);
          total += data.length;
        }
      }
    }
    return total;
  }
}
