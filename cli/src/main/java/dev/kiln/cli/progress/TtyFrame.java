package dev.kiln.cli.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out one TTY frame as plain text lines, each with a tone for colouring: a header, a
 * {@code =>} line per started step with its time right-aligned, progress items and warnings under
 * their step, and the last output lines of running steps (dimmed) when there is room. A pure
 * function of the snapshot, so tests assert frames without a terminal.
 */
final class TtyFrame {
  /** Output lines shown under a running step. */
  static final int LOG_LINES = 6;
  /** Columns progressui keeps free beside the output lines. */
  private static final int LOG_PAD = 10;

  enum Tone { PLAIN, DONE, ERROR, CANCELED, DIM }

  record Line(String text, Tone tone) {}

  private TtyFrame() {}

  /**
   * @param now the daemon-clock time to measure running steps against
   * @param complete the final frame: every step, no height limit, no output lines
   */
  static List<Line> compose(Snapshot snap, Instant now, TerminalSize size, boolean complete) {
    int width = size.width();
    List<Block> blocks = new ArrayList<>();
    for (StepView step : snap.steps()) {
      if (step.isStarted() || step.isCompleted()) {
        blocks.add(block(step, now, width, complete));
      }
    }
    List<Line> body = complete ? flatten(blocks) : fit(blocks, size.height() - 2);
    List<Line> frame = new ArrayList<>();
    frame.add(new Line(header(snap, now, complete), Tone.PLAIN));
    frame.addAll(body);
    return frame;
  }

  private static String header(Snapshot snap, Instant now, boolean complete) {
    Duration elapsed = snap.firstStart() == null || now == null ? Duration.ZERO : new Interval(snap.firstStart(), now).duration(now);
    String h = "[+] Building " + GoFormat.fixed(GoFormat.seconds(elapsed), 1) + "s (" + snap.completed() + "/" + snap.total() + ")";
    return complete && snap.isFinished() ? h + " FINISHED" : h;
  }

  /** The lines one step contributes; output lines are kept apart so they can be dropped first. */
  private record Block(StepView step, List<Line> lines, List<Line> logs) {}

  private static Block block(StepView step, Instant now, int width, boolean complete) {
    List<Line> lines = new ArrayList<>();
    addJob(lines, " => ", label(step), "", step.duration(now), tone(step), width);
    for (StatusView s : step.statuses()) {
      Tone t = s.isCompleted() ? Tone.DONE : Tone.PLAIN;
      addJob(lines, " => => ", s.id(), s.amount(), s.elapsed(now), t, width);
    }
    for (String w : step.warnings()) {
      addJob(lines, " => ", "WARN: " + w, "", Duration.ZERO, Tone.CANCELED, width);
    }
    List<Line> logs = new ArrayList<>();
    if (!complete && step.isRunning()) {
      List<LogLine> recent = step.recentLogs();
      for (LogLine l : recent.subList(Math.max(0, recent.size() - LOG_LINES), recent.size())) {
        logs.add(new Line(clip(" => => # " + visibleText(l.text()), width - LOG_PAD), Tone.DIM));
      }
    }
    return new Block(step, lines, logs);
  }

  private static String label(StepView step) {
    String name = step.name().replace('\t', ' ');
    if (step.isCanceled()) {
      name = "CANCELED " + name;
    } else if (step.hasError()) {
      name = "ERROR " + name;
    }
    return step.cached() ? "CACHED " + name : name;
  }

  private static Tone tone(StepView step) {
    if (!step.isCompleted()) {
      return Tone.PLAIN;
    }
    return step.isCanceled() ? Tone.CANCELED : step.hasError() ? Tone.ERROR : Tone.DONE;
  }

  /** progressui's job line: name (and status if it fits) left, {@code " 1.2s"} ending at width-1. */
  private static void addJob(List<Line> out, String prefix, String name, String status, Duration d, Tone tone, int width) {
    double seconds = GoFormat.seconds(d);
    String timer = " " + GoFormat.fixed(seconds < 0.05 ? 0 : seconds, 1) + "s";
    int left = width - prefix.length() - timer.length() - 2;
    boolean showStatus = !status.isEmpty() && left + status.length() > 20;
    if (showStatus) {
      left -= status.length() + 1;
    }
    if (left < 12) {
      return; // too narrow to say anything useful
    }
    String text = prefix + clip(name, left) + (showStatus ? " " + status : "");
    int pad = Math.max(0, width - timer.length() - 1 - text.length());
    out.add(new Line(text + " ".repeat(pad) + timer, tone));
  }

  /** Step lines first (completed ones dropped from the top if needed), then output where it fits. */
  private static List<Line> fit(List<Block> blocks, int limit) {
    List<Block> kept = new ArrayList<>(blocks);
    while (jobLines(kept) > limit && kept.stream().anyMatch(b -> b.step().isCompleted())) {
      kept.remove(kept.stream().filter(b -> b.step().isCompleted()).findFirst().orElseThrow());
    }
    int room = limit - jobLines(kept);
    List<Line> out = new ArrayList<>();
    for (Block b : kept) {
      out.addAll(b.lines());
      if (!b.logs().isEmpty() && room >= b.logs().size()) {
        out.addAll(b.logs());
        room -= b.logs().size();
      }
    }
    return out.size() > limit ? List.copyOf(out.subList(out.size() - Math.max(0, limit), out.size())) : out;
  }

  private static int jobLines(List<Block> blocks) {
    return blocks.stream().mapToInt(b -> b.lines().size()).sum();
  }

  private static List<Line> flatten(List<Block> blocks) {
    return blocks.stream().flatMap(b -> b.lines().stream()).toList();
  }

  /** What a terminal shows of a line redrawn with carriage returns (progress bars). */
  private static String visibleText(String text) {
    String t = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    return t.substring(t.lastIndexOf('\r') + 1);
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, Math.max(0, max)) : s;
  }
}
