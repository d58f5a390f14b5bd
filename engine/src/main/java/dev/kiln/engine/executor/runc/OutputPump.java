package dev.kiln.engine.executor.runc;

import dev.kiln.engine.executor.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Copies one output pipe of the container to its sink, live, on a virtual thread. */
final class OutputPump {
  private static final int CHUNK = 32 * 1024;

  private OutputPump() {}

  static Thread start(String name, InputStream in, OutputSink sink) {
    return Thread.ofVirtual().name(name).start(() -> pump(in, sink));
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
