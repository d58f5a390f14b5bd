package dev.kiln.cli.progress;

import com.google.protobuf.Timestamp;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.Vertex;
import dev.kiln.proto.control.VertexLog;
import dev.kiln.proto.control.VertexStatus;
import dev.kiln.proto.control.VertexWarning;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build's progress, merged from the {@code StatusResponse} stream the way progressui merges it:
 * vertexes by digest (a vertex is re-sent on every state change), progress items by ID, output
 * appended per vertex, members of a progress group folded into one step. Steps get {@code #N}
 * numbers in order of first appearance once they start, are cached, fail or print.
 *
 * <p>Thread-safe: {@link #apply} is called on the gRPC thread while renderers read {@link #snapshot}
 * from their own threads. All times are the daemon's, never the local wall clock.
 */
public final class ProgressModel {
  private static final String GROUP_PREFIX = "group/";

  private final Map<String, StepState> steps = new LinkedHashMap<>();
  private final Map<String, StepState> stepByDigest = new HashMap<>();
  private int lastNumber;
  private Instant clock;

  /** Merges one message; returns what it changed, for renderers that print increments. */
  public synchronized Update apply(StatusResponse response) {
    advanceClock(response);
    var changes = new LinkedHashMap<StepState, Pending>();
    for (Vertex v : response.getVertexesList()) {
      StepState step = stepFor(v);
      touch(changes, step);
      step.putVertex(v);
    }
    for (VertexStatus s : response.getStatusesList()) {
      StepState step = stepByDigest.get(s.getVertex());
      if (step != null) {
        touch(changes, step).statusOf(step.putStatus(s));
      }
    }
    for (VertexWarning w : response.getWarningsList()) {
      StepState step = stepByDigest.get(w.getVertex());
      if (step != null) {
        String text = w.getShort().toString(StandardCharsets.UTF_8);
        step.addWarning(text);
        touch(changes, step).warnings.add(text);
      }
    }
    for (VertexLog l : response.getLogsList()) {
      StepState step = stepByDigest.get(l.getVertex());
      if (step != null) {
        touch(changes, step).logs.addAll(step.appendLog(l, clock));
      }
    }
    return new Update(clock, collect(changes));
  }

  /** Ends the partial last line of every step, for when the stream ends mid-line. */
  public synchronized Update finish() {
    var changes = new LinkedHashMap<StepState, Pending>();
    for (StepState step : steps.values()) {
      List<LogLine> rest = step.flushPartialLine();
      if (!rest.isEmpty()) {
        touch(changes, step).logs.addAll(rest);
      }
    }
    return new Update(clock, collect(changes));
  }

  /** An immutable picture of every visible step, in {@code #N} order. */
  public synchronized Snapshot snapshot() {
    List<StepView> visible =
        steps.values().stream()
            .filter(s -> s.number() > 0 && !s.hidden())
            .sorted(Comparator.comparingInt(StepState::number))
            .map(s -> s.view(clock))
            .toList();
    int total = (int) steps.values().stream().filter(s -> !s.hidden()).count();
    int completed =
        (int) steps.values().stream().filter(s -> !s.hidden() && s.completedAt(clock) != null).count();
    Instant firstStart =
        visible.stream()
            .flatMap(s -> s.intervals().stream().limit(1))
            .map(Interval::start)
            .min(Comparator.naturalOrder())
            .orElse(null);
    return new Snapshot(clock, firstStart, visible, total, completed);
  }

  private StepState stepFor(Vertex v) {
    StepState step = stepByDigest.get(v.getDigest());
    if (step == null) {
      step =
          v.hasProgressGroup() && !v.getProgressGroup().getId().isEmpty()
              ? steps.computeIfAbsent(
                  GROUP_PREFIX + v.getProgressGroup().getId(),
                  k -> new StepState(k, true, v.getProgressGroup().getName()))
              : steps.computeIfAbsent(v.getDigest(), k -> new StepState(k, false, v.getName()));
      stepByDigest.put(v.getDigest(), step);
    }
    return step;
  }

  private static Pending touch(Map<StepState, Pending> changes, StepState step) {
    return changes.computeIfAbsent(step, s -> new Pending(s.signature()));
  }

  private List<Update.Change> collect(Map<StepState, Pending> changes) {
    List<Update.Change> out = new ArrayList<>();
    for (var e : changes.entrySet()) {
      StepState step = e.getKey();
      Pending p = e.getValue();
      if (step.completedAt(clock) != null) {
        p.logs.addAll(step.flushPartialLine()); // a finished step's last line needs no newline
      }
      if (!step.visible()) {
        continue;
      }
      if (step.number() == 0) {
        step.number(++lastNumber);
      }
      boolean changed = !p.before.equals(step.signature());
      out.add(new Update.Change(step.view(clock), changed, p.statuses, p.warnings, p.logs));
    }
    return out;
  }

  private void advanceClock(StatusResponse r) {
    for (Vertex v : r.getVertexesList()) {
      seen(v.hasStarted(), v.getStarted());
      seen(v.hasCompleted(), v.getCompleted());
    }
    for (VertexStatus s : r.getStatusesList()) {
      seen(s.hasTimestamp(), s.getTimestamp());
      seen(s.hasCompleted(), s.getCompleted());
    }
    for (VertexLog l : r.getLogsList()) {
      seen(l.hasTimestamp(), l.getTimestamp());
    }
  }

  private void seen(boolean present, Timestamp t) {
    if (present) {
      Instant i = StepState.toInstant(t);
      if (clock == null || i.isAfter(clock)) {
        clock = i;
      }
    }
  }

  /** What one message did to one step, gathered before the step's view is taken. */
  private static final class Pending {
    final StepState.Signature before;
    final List<StatusView> statuses = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<LogLine> logs = new ArrayList<>();

    Pending(StepState.Signature before) {
      this.before = before;
    }

    void statusOf(StatusView view) {
      if (view != null) {
        statuses.removeIf(s -> s.id().equals(view.id()));
        statuses.add(view);
      }
    }
  }
}
