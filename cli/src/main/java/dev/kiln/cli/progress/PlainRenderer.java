package dev.kiln.cli.progress;

import dev.kiln.proto.control.StatusResponse;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code --progress=plain}: append-only text in progressui's format ({@code #N name}, {@code #N 0.087
 * output}, {@code #N DONE 0.2s}). One step is "current" at a time; output of other running steps is
 * held back and shown under a repeated header when the display switches ({@code #N ...} marks the
 * step left behind). progressui decides when to switch from wall-clock rates; this renderer uses the
 * daemon's timestamps instead, so the same stream always prints the same text.
 */
final class PlainRenderer implements Renderer {
  /** How long a running step keeps the display before another step's output may take over. */
  private static final Duration ANTI_FLICKER = Duration.ofSeconds(5);
  /** Held-back output older than this is shown even if the current step is busy. */
  private static final Duration MAX_DELAY = Duration.ofSeconds(10);

  private final PrintStream out;
  private final StatusThrottle throttle = new StatusThrottle();
  private final Map<String, PendingOutput> pending = new LinkedHashMap<>();
  private final Map<String, StepView> latest = new HashMap<>();
  private StepView current;
  private Instant currentSince;
  private boolean printedAny;

  PlainRenderer(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void onUpdate(StatusResponse raw, Update update) {
    queue(update);
    printDue(update.clock());
    out.flush();
  }

  @Override
  public synchronized void close(Update rest, Snapshot end) {
    queue(rest);
    printCompleted();
    if (current != null && pending.containsKey(current.key())) {
      print(pending.get(current.key()), rest.clock());
    }
    for (PendingOutput p : List.copyOf(pending.values())) {
      print(p, rest.clock());
    }
    out.flush();
  }

  private void queue(Update update) {
    for (Update.Change c : update.steps()) {
      latest.put(c.step().key(), c.step());
      boolean news = c.stateChanged() || !c.statuses().isEmpty() || !c.warnings().isEmpty() || !c.logs().isEmpty();
      if (news) {
        pending.computeIfAbsent(c.step().key(), k -> new PendingOutput(update.clock())).add(c);
      }
    }
  }

  /** progressui's scheduling: finished steps first, then the current one, then maybe a switch. */
  private void printDue(Instant clock) {
    printCompleted();
    List<PendingOutput> running = List.copyOf(pending.values());
    if (running.isEmpty()) {
      if (current == null) {
        activateOpenStep(clock);
      }
      return;
    }
    if (current != null && pending.containsKey(current.key())) {
      print(pending.get(current.key()), clock);
    }
    List<PendingOutput> others = List.copyOf(pending.values());
    if (others.isEmpty()) {
      return;
    }
    PendingOutput oldest = others.getFirst();
    boolean overdue = Duration.between(oldest.since, clock).compareTo(MAX_DELAY) >= 0;
    boolean fairTurn = currentSince == null || Duration.between(currentSince, clock).compareTo(ANTI_FLICKER) >= 0;
    if (current == null || overdue || fairTurn) {
      print(oldest, clock);
    }
  }

  private void printCompleted() {
    List<PendingOutput> done = new ArrayList<>();
    for (PendingOutput p : pending.values()) {
      if (p.step.isCompleted()) {
        done.add(p);
      }
    }
    done.sort(
        Comparator.comparing((PendingOutput p) -> current != null && p.step.key().equals(current.key()) ? 0 : 1)
            .thenComparing(p -> p.step.completed())
            .thenComparingInt(p -> p.step.number()));
    done.forEach(p -> print(p, null));
  }

  /** With nothing to print and no current step, show the header of a step that is still running. */
  private void activateOpenStep(Instant clock) {
    latest.values().stream()
        .filter(StepView::isRunning)
        .min(Comparator.comparingInt(StepView::number))
        .ifPresent(v -> print(new PendingOutput(clock).header(v), clock));
  }

  private void print(PendingOutput p, Instant clock) {
    StepView v = p.step;
    int n = v.number();
    if (current == null || !current.key().equals(v.key())) {
      if (current != null) {
        out.println("#" + current.number() + " ...");
      }
      if (printedAny) {
        out.println();
      }
      printedAny = true;
      out.println("#" + n + " " + v.name());
      currentSince = clock;
    }
    for (StatusView s : p.statuses.values()) {
      if (throttle.shouldPrint(v.key(), s)) {
        out.println("#" + n + " " + StatusLine.plain(s));
      }
    }
    p.warnings.forEach(w -> out.println("#" + n + " WARN: " + w));
    p.logs.forEach(l -> out.println(l.format(n)));
    current = v;
    pending.remove(v.key());
    if (v.isCompleted()) {
      current = null;
      out.println("#" + n + " " + outcome(v));
    }
  }

  private static String outcome(StepView v) {
    if (v.isCanceled()) {
      return "CANCELED";
    }
    if (v.hasError()) {
      return "ERROR: " + v.error();
    }
    if (v.cached()) {
      return "CACHED";
    }
    return v.isStarted() ? "DONE " + GoFormat.fixed(GoFormat.seconds(v.duration(v.completed())), 1) + "s" : "DONE";
  }

  /** Output of one step not yet printed, merged over several updates. */
  private static final class PendingOutput {
    final Instant since;
    StepView step;
    final Map<String, StatusView> statuses = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<LogLine> logs = new ArrayList<>();

    PendingOutput(Instant since) {
      this.since = Objects.requireNonNullElse(since, Instant.EPOCH);
    }

    void add(Update.Change c) {
      step = c.step();
      c.statuses().forEach(s -> statuses.put(s.id(), s));
      warnings.addAll(c.warnings());
      logs.addAll(c.logs());
    }

    PendingOutput header(StepView v) {
      step = v;
      return this;
    }
  }
}
