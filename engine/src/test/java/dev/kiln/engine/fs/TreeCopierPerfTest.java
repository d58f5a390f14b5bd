package dev.kiln.engine.fs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TreeCopier against {@code cp -a} on ~20,000 small files. Not a timed unit test: run on demand
 * with {@code mvn -o verify -pl engine -am -Dkiln.excludedGroups=none -Dgroups=perf
 * -Dsurefire.failIfNoSpecifiedTests=false}, or via {@link #main}.
 */
@Tag("perf")
class TreeCopierPerfTest {
  @Test
  void compareWithCpA() throws Exception {
    main(new String[0]);
  }

  public static void main(String[] args) throws Exception {
    // args[0]: a directory to work in (default: java.io.tmpdir), e.g. /dev/shm to leave the disk out
    Path tmp =
        args.length > 0
            ? Files.createTempDirectory(Path.of(args[0]), "kiln-perf")
            : Files.createTempDirectory("kiln-perf");
    try {
      Path src = tmp.resolve("src");
      for (int d = 0; d < 200; d++) {
        Path dir = Files.createDirectories(src.resolve("d" + (d % 20)).resolve("e" + d));
        for (int f = 0; f < 100; f++) {
          Files.writeString(dir.resolve("f" + f + ".txt"), "content of file " + d + "/" + f + "\n".repeat(f));
        }
      }
      // args[1]: threads copying file contents (default: TreeCopier's own choice)
      TreeCopier copier =
          args.length > 1 ? new TreeCopier(Integer.parseInt(args[1])) : new TreeCopier();
      long bestCp = Long.MAX_VALUE;
      long bestKiln = Long.MAX_VALUE;
      for (int round = 0; round < 6; round++) { // round 0 warms the JIT and is not counted
        long cp = time(() -> exec("cp", "-a", src.toString(), tmp.resolve("cp").toString()));
        exec("rm", "-rf", tmp.resolve("cp").toString());
        long kiln = time(() -> copier.copy(src, tmp.resolve("kiln")));
        exec("rm", "-rf", tmp.resolve("kiln").toString());
        System.out.printf("round %d: cp -a %d ms, TreeCopier %d ms%n", round, cp, kiln);
        if (round > 0) {
          bestCp = Math.min(bestCp, cp);
          bestKiln = Math.min(bestKiln, kiln);
        }
      }
      System.out.printf("best of 5: cp -a %d ms, TreeCopier %d ms, ratio %.2f%n",
          bestCp, bestKiln, (double) bestKiln / bestCp);
    } finally {
      exec("rm", "-rf", tmp.toString());
    }
  }

  interface Body {
    void run() throws Exception;
  }

  static long time(Body body) throws Exception {
    exec("sync");
    long t0 = System.nanoTime();
    body.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static void exec(String... cmd) throws Exception {
    int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
    if (rc != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " exited " + rc);
    }
  }
}
