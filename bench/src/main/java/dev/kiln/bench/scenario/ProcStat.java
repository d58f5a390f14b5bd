package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident size of a running process, from /proc. */
final class ProcStat {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private ProcStat() {}

  /** utime + stime of the process and of its waited-for children. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after "(comm) ": state is field 3, so utime (14) is index 11 here
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    return ticks / TICKS_PER_SECOND;
  }

  static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
    }
    throw new IOException("no VmRSS for " + pid);
  }
}
