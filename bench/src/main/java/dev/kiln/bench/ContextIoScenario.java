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
    Path work = Files.createDirectories(Path.of(args[0]));
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path tree = work.resolve("context");
    long bytes = generate(tree);
    System.out.printf("context: %d files, %.0f MB%n", DIRS * SUBDIRS * FILES_PER_SUBDIR, bytes / 1e6);
    checksums(tree, bytes, runs);
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
