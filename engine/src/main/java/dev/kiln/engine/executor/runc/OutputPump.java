package dev.kiln.engine.executor.runc;

import dev.kiln.engine.executor.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies one output pipe of the container to its sink, live, on a pooled platform thread: a
 * blocking pipe read on a virtual thread pins its carrier and makes the scheduler add one, work
 * that competes with the starting container for the CPU on a small machine.
 */
final class OutputPump {
  private static final int CHUNK = 32 * 1024;
  private static final ExecutorService THREADS = Executors.newCachedThreadPool(
      Thread.ofPlatform().name("kiln-output-pump-", 0).daemon(true).factory());

  private OutputPump() {}

  static Future<?> start(InputStream in, OutputSink sink) {
    return THREADS.submit(() -> pump(in, sink));
  }

  /** Waits until {@code pump} has delivered everything (its pipe closed). */
  static void await(Future<?> pump) throws InterruptedException {
    try {
      pump.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("output pump failed", e.getCause());
    }
  }

  /**
   * Reads until end of stream. A sink that throws is not called again, but the pipe is still
   * drained: a full pipe would block the process and hang the run.
   */
  private static void pump(InputStream in, OutputSink sink) {
    byte[] buf = new byte[CHUNK];
    boolean sinkFailed = false;
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (sinkFailed) {
          continue;
        }
        try {
          sink.write(Arrays.copyOf(buf, n));
        } catch (RuntimeException e) {
          sinkFailed = true;
          System.getLogger(OutputPump.class.getName())
              .log(System.Logger.Level.WARNING, "output sink failed; dropping further output", e);
        }
      }
    } catch (IOException e) {
      // the pipe broke because the process is gone: nothing more to deliver
    }
  }
}
