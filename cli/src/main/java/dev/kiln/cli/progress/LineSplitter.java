package dev.kiln.cli.progress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Splits output chunks into lines; a line keeps the time and stream of its first chunk. */
final class LineSplitter {
  record Line(Instant timestamp, int stream, String text) {}

  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private Instant partialTime;
  private int partialStream;

  List<Line> append(byte[] data, Instant ts, int stream) {
    List<Line> out = new ArrayList<>();
    for (byte b : data) {
      if (partial.size() == 0 && partialTime == null) {
        partialTime = ts;
        partialStream = stream;
      }
      if (b == '\n') {
        out.add(take());
      } else {
        partial.write(b);
      }
    }
    return out;
  }

  Line flush() {
    return partial.size() == 0 ? null : take();
  }

  private Line take() {
    // Bytes are decoded per line so a UTF-8 sequence split across chunks stays intact.
    Line l = new Line(partialTime, partialStream, partial.toString(StandardCharsets.UTF_8));
    partial.reset();
    partialTime = null;
    return l;
  }
}
