package dev.kiln.cli.progress;

import dev.kiln.proto.control.StatusResponse;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code --progress=tty}: redraws a {@link TtyFrame} in place with ANSI escapes, at most every
 * {@link #MIN_INTERVAL} on updates plus a periodic tick (so running timers advance), and a final,
 * complete frame on close. Frame times use the daemon's clock shifted by the offset observed when
 * the first step started (progressui's {@code localTimeDiff}), so a skewed daemon clock does not
 * show negative or inflated times.
 */
final class TtyRenderer implements Renderer {
  /** Updates closer together than this are drawn by the next tick instead (progressui: 100ms). */
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  private static final String ESC = "\u001b[";

  private final PrintStream out;
  private final ProgressModel model;
  private final Supplier<TerminalSize> size;
  private final InstantSource localClock;
  private Duration daemonSkew;
  private Instant lastDraw;
  private int drawnLines;
  private boolean closed;

  TtyRenderer(PrintStream out, ProgressModel model, Supplier<TerminalSize> size, InstantSource localClock) {
    this.out = out;
    this.model = model;
    this.size = size;
    this.localClock = localClock;
  }

  @Override
  public synchronized void onUpdate(StatusResponse raw, Update update) {
    Instant local = localClock.instant();
    if (lastDraw == null || Duration.between(lastDraw, local).compareTo(MIN_INTERVAL) >= 0) {
      draw(false);
    }
  }

  /** Called by the display's timer; redraws so elapsed times keep moving. */
  synchronized void tick() {
    if (!closed) {
      draw(false);
    }
  }

  @Override
  public synchronized void close(Update rest, Snapshot end) {
    if (!closed) {
      draw(true);
      closed = true;
    }
  }

  private void draw(boolean complete) {
    Snapshot snap = model.snapshot();
    List<TtyFrame.Line> frame = TtyFrame.compose(snap, daemonNow(snap, complete), size.get(), complete);
    StringBuilder b = new StringBuilder();
    b.append(ESC).append("?25l"); // hide the cursor while drawing
    if (drawnLines > 0) {
      b.append(ESC).append(drawnLines).append('A');
    }
    b.append('\r');
    for (TtyFrame.Line line : frame) {
      b.append(styled(line)).append(ESC).append('K').append('\n');
    }
    b.append(ESC).append('J').append(ESC).append("?25h");
    out.print(b);
    out.flush();
    drawnLines = frame.size();
    lastDraw = localClock.instant();
  }

  /**
   * "Now" in daemon time. The final frame of a finished build ends at its last completion, so the
   * summary does not count the time the client took to notice the end.
   */
  private Instant daemonNow(Snapshot snap, boolean complete) {
    if (snap.firstStart() == null) {
      return snap.clock();
    }
    Instant local = localClock.instant();
    if (daemonSkew == null) {
      daemonSkew = Duration.between(snap.firstStart(), local);
    }
    if (complete && snap.isFinished() && snap.clock() != null) {
      return snap.clock();
    }
    Instant now = local.minus(daemonSkew);
    return snap.clock() != null && snap.clock().isAfter(now) ? snap.clock() : now;
  }

  private static String styled(TtyFrame.Line line) {
    String code =
        switch (line.tone()) {
          case PLAIN -> null;
          case DONE -> "34"; // blue, progressui's colorRun
          case ERROR -> "31";
          case CANCELED -> "33";
          case DIM -> "2";
        };
    return code == null ? line.text() : ESC + code + 'm' + line.text() + ESC + "0m";
  }
}
