package dev.kiln.engine.ops;

import dev.kiln.engine.executor.OutputSink;
import dev.kiln.solver.progress.ProgressWriter;
import java.nio.charset.StandardCharsets;

/**
 * A step's output into its progress log, bounded like BuildKit's: past the limit (over stdout and
 * stderr together) the rest is dropped and one marker line says so. Keeps a chatty step from
 * flooding the client; the process itself is not slowed down. Thread-safe.
 */
final class ClippedLog {
  static final long DEFAULT_LIMIT = 2L << 20;
  private static final byte[] MARKER =
      "\n[output clipped, log limit 2MiB reached]\n".getBytes(StandardCharsets.UTF_8);

  private final ProgressWriter progress;
  private final long limit;
  private long written;
  private boolean clipped;

  ClippedLog(ProgressWriter progress, long limit) {
    this.progress = progress;
    this.limit = limit;
  }

  OutputSink stream(int fd) {
    return chunk -> write(fd, chunk);
  }

  private synchronized void write(int fd, byte[] chunk) {
    if (clipped) return;
    long room = limit - written;
    if (chunk.length <= room) {
      written += chunk.length;
      progress.log(fd, chunk);
      return;
    }
    if (room > 0) progress.log(fd, java.util.Arrays.copyOf(chunk, (int) room));
    written = limit;
    clipped = true;
    progress.log(fd, MARKER);
  }
}
