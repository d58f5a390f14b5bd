package dev.kiln.engine.image;

import dev.kiln.solver.progress.ProgressWriter;
import java.time.Duration;
import java.time.Instant;

/** One progress counter (a blob's bytes), reported at most every 100 ms so fast copies stay cheap. */
public final class ByteProgress {
  private static final long INTERVAL_NANOS = Duration.ofMillis(100).toNanos();

  private final ProgressWriter writer;
  private final String id;
  private final long total;
  private final Instant started = Instant.now();
  private long lastReport = System.nanoTime() - INTERVAL_NANOS;

  public ByteProgress(ProgressWriter writer, String id, long total) {
    this.writer = writer;
    this.id = id;
    this.total = total;
  }

  public void update(long current) {
    long now = System.nanoTime();
    if (now - lastReport >= INTERVAL_NANOS) {
      lastReport = now;
      writer.status(id, id, current, total, started, null);
    }
  }

  public void done(long current) {
    writer.status(id, id, current, total, started, Instant.now());
  }
}
