package dev.kiln.engine.exporter.layer;

import java.io.OutputStream;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ParallelGzip against the JDK's single-threaded gzip on 256 MiB, half compressible. Not a timed
 * unit test: run on demand with {@code mvn -o verify -pl engine -am -Dkiln.excludedGroups=none
 * -Dgroups=perf -Dtest=ParallelGzipPerfTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("perf")
class ParallelGzipPerfTest {
  @Test
  void compareWithSingleThreadedGzip() throws Exception {
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    for (int i = 0; i < block.length; i += 8192) {
      for (int j = i; j < i + 4096; j++) block[j] = (byte) ("compressible ".charAt(j % 13));
    }
    for (int round = 0; round < 2; round++) {
      long cpu0 = cpuMillis();
      long single = time(() -> new GZIPOutputStream(OutputStream.nullOutputStream(), 1 << 16), block);
      long cpu1 = cpuMillis();
      long parallel = time(() -> new ParallelGzip(OutputStream.nullOutputStream(), 6), block);
      long cpu2 = cpuMillis();
      System.out.printf("256 MiB: JDK gzip %d ms (cpu %d ms), ParallelGzip %d ms (cpu %d ms): %.2fx on %d cores%n",
          single, cpu1 - cpu0, parallel, cpu2 - cpu1, (double) single / parallel,
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** CPU time of the whole process: with busy neighbours, wall time alone hides the parallelism. */
  private static long cpuMillis() {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1_000_000;
  }

  private interface Opener {
    OutputStream open() throws Exception;
  }

  private static long time(Opener opener, byte[] block) throws Exception {
    long start = System.nanoTime();
    try (OutputStream out = opener.open()) {
      for (int i = 0; i < 256; i++) out.write(block);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
