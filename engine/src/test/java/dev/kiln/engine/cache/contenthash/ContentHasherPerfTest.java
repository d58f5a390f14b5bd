package dev.kiln.engine.cache.contenthash;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checksum of a ~20,000-file tree: from scratch, then revalidated by stat. On demand only:
 * {@code -Dkiln.excludedGroups=none -Dgroups=perf}, or {@link #main} (args[0]: work dir).
 */
@Tag("perf")
class ContentHasherPerfTest {
  @Test
  void measure() throws Exception {
    main(new String[0]);
  }

  public static void main(String[] args) throws Exception {
    Path tmp =
        args.length > 0
            ? Files.createTempDirectory(Path.of(args[0]), "kiln-perf")
            : Files.createTempDirectory("kiln-perf");
    try (ContentHasher hasher = new ContentHasher()) {
      for (int d = 0; d < 200; d++) {
        Path dir = Files.createDirectories(tmp.resolve("ctx/d" + (d % 20)).resolve("e" + d));
        for (int f = 0; f < 100; f++) {
          Files.writeString(dir.resolve("f" + f), "content " + d + "/" + f + "\n".repeat(f));
        }
      }
      for (int round = 0; round < 3; round++) {
        LocalContextChecksums ctx = new LocalContextChecksums(hasher, tmp);
        long t0 = System.nanoTime();
        ctx.checksum("/ctx", ChecksumOptions.DEFAULT);
        long t1 = System.nanoTime();
        ctx.checksum("/ctx", ChecksumOptions.DEFAULT);
        long t2 = System.nanoTime();
        System.out.printf(
            "round %d: from scratch %d ms, revalidated (stat walk) %d ms%n",
            round, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
      }
    } finally {
      new ProcessBuilder("rm", "-rf", tmp.toString()).inheritIO().start().waitFor();
    }
  }
}
