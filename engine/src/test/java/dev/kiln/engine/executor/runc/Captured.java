package dev.kiln.engine.executor.runc;

import dev.kiln.engine.executor.OutputSink;
import dev.kiln.engine.executor.Stdio;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** Collects a run's output; {@link #firstOutput} opens on the first stdout chunk. */
final class Captured {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final CountDownLatch firstOutput = new CountDownLatch(1);

  Stdio stdio() {
    OutputSink stdout =
        chunk -> {
          synchronized (out) {
            out.writeBytes(chunk);
          }
          firstOutput.countDown();
        };
    OutputSink stderr =
        chunk -> {
          synchronized (err) {
            err.writeBytes(chunk);
          }
        };
    return new Stdio(stdout, stderr);
  }

  String stdout() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  String stderr() {
    synchronized (err) {
      return err.toString(StandardCharsets.UTF_8);
    }
  }
}
