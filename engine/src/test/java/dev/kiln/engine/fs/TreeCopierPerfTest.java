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
    Path tmp = Files.createTempDirectory("kiln-perf");
    try {
      Path src = tmp.resolve("src");
      for (int d = 0; d < 200; d++) {
        Path dir = Files.createDirectories(src.resolve("d" + (d % 20)).resolve("e" + d));
        for (int f = 0; f < 100; f++) {
          Files.writeString(dir.resolve("f" + f + ".txt"), "content of file " + d + "/" + f + "\n".repeat(f));
        }
      }
      for (int round = 0; round < 3; round++) { // the first round warms the JIT
        long cp = time(() -> exec("cp", "-a", src.toString(), tmp.resolve("cp" + 0).toString()));
        exec("rm", "-rf", tmp.resolve("cp0").toString());
        long kiln = time(() -> new TreeCopier().copy(src, tmp.resolve("kiln")));
        exec("rm", "-rf", tmp.resolve("kiln").toString());
        System.out.printf("round %d: cp -a %d ms, TreeCopier %d ms, ratio %.2f%n",
            round, cp, kiln, (double) kiln / cp);
      }
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
