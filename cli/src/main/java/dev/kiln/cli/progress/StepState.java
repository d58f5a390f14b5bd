package dev.kiln.cli.progress;

import com.google.protobuf.Timestamp;
import dev.kiln.proto.control.Vertex;
import dev.kiln.proto.control.VertexLog;
import dev.kiln.proto.control.VertexStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutable state of one displayed step: a single vertex, or every member of a progress group merged
 * into one line. Not thread-safe; {@link ProgressModel} guards it.
 */
final class StepState {
  /** Enough for the TTY's 6 lines and the failure summary's 10, with room to spare. */
  static final int MAX_RECENT_LOGS = 64;

  final String key;
  final boolean group;
  private String name;
  private int number;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, StatusView> statuses = new LinkedHashMap<>();
  private final List<String> startedStatusIds = new ArrayList<>();
  private final ArrayDeque<LogLine> recentLogs = new ArrayDeque<>();
  private final List<String> warnings = new ArrayList<>();
  private final LineSplitter lines = new LineSplitter();

  /** The facts that make a step worth reprinting when they change. */
  record Signature(String name, List<Interval> intervals, boolean cached, String error) {}

  /** One vertex of the step: its runs (by start time, a restart adds one) and latest flags. */
  private static final class Member {
    final Map<Instant, Interval> runs = new LinkedHashMap<>();
    boolean cached;
    String error = "";
    boolean weak;
  }

  StepState(String key, boolean group, String name) {
    this.key = key;
    this.group = group;
    this.name = name;
  }

  int number() {
    return number;
  }

  void number(int n) {
    this.number = n;
  }

  /** Merges a re-sent vertex; a copy without a start time does not reset a started one. */
  void putVertex(Vertex v) {
    Member m = members.computeIfAbsent(v.getDigest(), d -> new Member());
    Instant started = v.hasStarted() ? toInstant(v.getStarted()) : null;
    if (started == null && !m.runs.isEmpty()) {
      return;
    }
    if (!group) {
      name = v.getName();
    }
    m.cached = v.getCached();
    m.error = v.getError();
    m.weak = v.hasProgressGroup() && v.getProgressGroup().getWeak();
    if (started != null) {
      Instant completed = v.hasCompleted() ? toInstant(v.getCompleted()) : null;
      m.runs.put(started, new Interval(started, completed));
    }
  }

  /** Records a progress item; returns its view if it has started (unstarted items are not shown). */
  StatusView putStatus(VertexStatus s) {
    StatusView view =
        new StatusView(
            s.getID(),
            s.getName(),
            s.getCurrent(),
            s.getTotal(),
            s.hasTimestamp() ? toInstant(s.getTimestamp()) : null,
            s.hasStarted() ? toInstant(s.getStarted()) : null,
            s.hasCompleted() ? toInstant(s.getCompleted()) : null);
    StatusView previous = statuses.put(view.id(), view);
    if (view.started() == null) {
      return null;
    }
    if (previous == null || previous.started() == null) {
      startedStatusIds.add(view.id());
    }
    return view;
  }

  void addWarning(String shortText) {
    warnings.add(shortText);
  }

  /** Appends output; returns the lines it completed. */
  List<LogLine> appendLog(VertexLog log, Instant fallbackTime) {
    Instant ts = log.hasTimestamp() ? toInstant(log.getTimestamp()) : fallbackTime;
    List<LogLine> done = new ArrayList<>();
    for (LineSplitter.Line l : lines.append(log.getMsg().toByteArray(), ts, (int) log.getStream())) {
      done.add(remember(l));
    }
    return done;
  }

  /** Ends a dangling partial line, e.g. when the step completes or the build ends. */
  List<LogLine> flushPartialLine() {
    LineSplitter.Line l = lines.flush();
    return l == null ? List.of() : List.of(remember(l));
  }

  private LogLine remember(LineSplitter.Line l) {
    Instant start = latestStart();
    Duration since = start == null || l.timestamp() == null ? Duration.ZERO : Duration.between(start, l.timestamp());
    LogLine line = new LogLine(l.timestamp(), since, l.stream(), l.text());
    if (recentLogs.size() == MAX_RECENT_LOGS) {
      recentLogs.removeFirst();
    }
    recentLogs.addLast(line);
    return line;
  }

  List<Interval> intervals() {
    List<Interval> all = new ArrayList<>();
    members.values().forEach(m -> all.addAll(m.runs.values()));
    return Interval.merge(all);
  }

  private Instant latestStart() {
    List<Interval> merged = intervals();
    return merged.isEmpty() ? null : merged.getLast().start();
  }

  boolean cached() {
    return !members.isEmpty() && members.values().stream().allMatch(m -> m.cached);
  }

  String error() {
    return members.values().stream().map(m -> m.error).filter(e -> !e.isEmpty()).findFirst().orElse("");
  }

  /** A group stays hidden until a non-weak member starts or a member fails (progressui). */
  boolean hidden() {
    if (!group || !error().isEmpty()) {
      return false;
    }
    return members.values().stream().noneMatch(m -> !m.weak && !m.runs.isEmpty());
  }

  /** Shown and numbered once it started, was cached, failed or produced output. */
  boolean visible() {
    return !hidden() && (number > 0 || !intervals().isEmpty() || cached() || !error().isEmpty());
  }

  /** When the step finished; a cached or failed step without times counts as finished at {@code clock}. */
  Instant completedAt(Instant clock) {
    List<Interval> merged = intervals();
    if (!merged.isEmpty()) {
      return merged.getLast().stop();
    }
    return cached() || !error().isEmpty() ? Objects.requireNonNullElse(clock, Instant.EPOCH) : null;
  }

  Signature signature() {
    return new Signature(name, intervals(), cached(), error());
  }

  StepView view(Instant clock) {
    List<StatusView> started = startedStatusIds.stream().map(statuses::get).toList();
    return new StepView(
        key,
        number,
        name,
        intervals(),
        completedAt(clock),
        cached(),
        error(),
        started,
        List.copyOf(recentLogs),
        List.copyOf(warnings));
  }

  static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
