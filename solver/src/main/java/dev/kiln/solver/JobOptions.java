package dev.kiln.solver;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Per-job settings.
 *
 * @param noCache treat every vertex as {@link VertexOptions#ignoreCache()} (like {@code --no-cache})
 * @param logMemoryBudget log bytes kept in memory for replay before spilling to a temp file
 * @param spillDirectory where spilled logs go
 */
public record JobOptions(boolean noCache, long logMemoryBudget, Path spillDirectory) {
  public static final long DEFAULT_LOG_MEMORY_BUDGET = 4L << 20;

  public JobOptions {
    Objects.requireNonNull(spillDirectory, "spillDirectory");
  }

  public static JobOptions defaults() {
    return new JobOptions(false, DEFAULT_LOG_MEMORY_BUDGET, Path.of(System.getProperty("java.io.tmpdir")));
  }

  public JobOptions withNoCache(boolean value) {
    return new JobOptions(value, logMemoryBudget, spillDirectory);
  }

  public JobOptions withLogMemoryBudget(long bytes) {
    return new JobOptions(noCache, bytes, spillDirectory);
  }
}
