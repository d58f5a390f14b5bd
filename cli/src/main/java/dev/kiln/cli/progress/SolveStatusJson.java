package dev.kiln.cli.progress;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.Vertex;
import dev.kiln.proto.control.VertexLog;
import dev.kiln.proto.control.VertexStatus;
import dev.kiln.proto.control.VertexWarning;
import dev.kiln.proto.pb.Position;
import dev.kiln.proto.pb.Range;
import dev.kiln.proto.pb.SourceInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Writes a {@code StatusResponse} as BuildKit's {@code client.SolveStatus} JSON ({@code
 * client/graph.go}): field names, order and omissions follow the Go struct tags; times are
 * RFC 3339 with nanoseconds; bytes are base64. Time fields without {@code omitempty} print Go's
 * zero time when absent.
 */
final class SolveStatusJson {
  private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  private SolveStatusJson() {}

  static void write(JsonGenerator g, StatusResponse r) throws IOException {
    g.writeStartObject();
    if (r.getVertexesCount() > 0) {
      g.writeArrayFieldStart("vertexes");
      for (Vertex v : r.getVertexesList()) {
        vertex(g, v);
      }
      g.writeEndArray();
    }
    if (r.getStatusesCount() > 0) {
      g.writeArrayFieldStart("statuses");
      for (VertexStatus s : r.getStatusesList()) {
        status(g, s);
      }
      g.writeEndArray();
    }
    if (r.getLogsCount() > 0) {
      g.writeArrayFieldStart("logs");
      for (VertexLog l : r.getLogsList()) {
        log(g, l);
      }
      g.writeEndArray();
    }
    if (r.getWarningsCount() > 0) {
      g.writeArrayFieldStart("warnings");
      for (VertexWarning w : r.getWarningsList()) {
        warning(g, w);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void vertex(JsonGenerator g, Vertex v) throws IOException {
    g.writeStartObject();
    string(g, "digest", v.getDigest());
    strings(g, "inputs", v.getInputsList());
    string(g, "name", v.getName());
    if (v.hasStarted()) {
      g.writeStringField("started", time(v.getStarted()));
    }
    if (v.hasCompleted()) {
      g.writeStringField("completed", time(v.getCompleted()));
    }
    if (v.getCached()) {
      g.writeBooleanField("cached", true);
    }
    string(g, "error", v.getError());
    if (v.hasProgressGroup()) {
      g.writeObjectFieldStart("progressGroup");
      string(g, "id", v.getProgressGroup().getId());
      string(g, "name", v.getProgressGroup().getName());
      if (v.getProgressGroup().getWeak()) {
        g.writeBooleanField("weak", true);
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void status(JsonGenerator g, VertexStatus s) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.getID());
    string(g, "vertex", s.getVertex());
    string(g, "name", s.getName());
    number(g, "total", s.getTotal());
    g.writeNumberField("current", s.getCurrent());
    g.writeStringField("timestamp", s.hasTimestamp() ? time(s.getTimestamp()) : GO_ZERO_TIME);
    if (s.hasStarted()) {
      g.writeStringField("started", time(s.getStarted()));
    }
    if (s.hasCompleted()) {
      g.writeStringField("completed", time(s.getCompleted()));
    }
    g.writeEndObject();
  }

  private static void log(JsonGenerator g, VertexLog l) throws IOException {
    g.writeStartObject();
    string(g, "vertex", l.getVertex());
    number(g, "stream", l.getStream());
    g.writeStringField("data", base64(l.getMsg()));
    g.writeStringField("timestamp", l.hasTimestamp() ? time(l.getTimestamp()) : GO_ZERO_TIME);
    g.writeEndObject();
  }

  private static void warning(JsonGenerator g, VertexWarning w) throws IOException {
    g.writeStartObject();
    string(g, "vertex", w.getVertex());
    number(g, "level", w.getLevel());
    if (!w.getShort().isEmpty()) {
      g.writeStringField("short", base64(w.getShort()));
    }
    if (w.getDetailCount() > 0) {
      g.writeArrayFieldStart("detail");
      for (ByteString d : w.getDetailList()) {
        g.writeString(base64(d));
      }
      g.writeEndArray();
    }
    string(g, "url", w.getUrl());
    if (w.hasInfo()) {
      sourceInfo(g, w.getInfo());
    }
    if (w.getRangesCount() > 0) {
      g.writeArrayFieldStart("range");
      for (Range r : w.getRangesList()) {
        g.writeStartObject();
        position(g, "start", r.getStart());
        position(g, "end", r.getEnd());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** The source file a warning points into; its LLB definition is left out (not needed to show it). */
  private static void sourceInfo(JsonGenerator g, SourceInfo info) throws IOException {
    g.writeObjectFieldStart("sourceInfo");
    string(g, "filename", info.getFilename());
    if (!info.getData().isEmpty()) {
      g.writeStringField("data", base64(info.getData()));
    }
    string(g, "language", info.getLanguage());
    g.writeEndObject();
  }

  private static void position(JsonGenerator g, String field, Position p) throws IOException {
    g.writeObjectFieldStart(field);
    number(g, "line", p.getLine());
    number(g, "character", p.getCharacter());
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String field, String value) throws IOException {
    if (!value.isEmpty()) {
      g.writeStringField(field, value);
    }
  }

  private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    if (!values.isEmpty()) {
      g.writeArrayFieldStart(field);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
  }

  private static void number(JsonGenerator g, String field, long value) throws IOException {
    if (value != 0) {
      g.writeNumberField(field, value);
    }
  }

  private static String time(Timestamp t) {
    return GoFormat.rfc3339Nano(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
  }

  private static String base64(ByteString b) {
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }
}
