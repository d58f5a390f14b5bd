package dev.kiln.cli.progress;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.Vertex;
import dev.kiln.proto.control.VertexLog;
import dev.kiln.proto.control.VertexStatus;
import dev.kiln.proto.control.VertexWarning;
import dev.kiln.proto.pb.ProgressGroup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds scripted {@code StatusResponse}s with times given as seconds after {@link #T0}. */
final class Script {
  static final Instant T0 = Instant.ofEpochSecond(1_795_726_169L);

  private Script() {}

  static Instant instant(double seconds) {
    return T0.plusNanos(Math.round(seconds * 1e9));
  }

  static Timestamp at(double seconds) {
    Instant i = instant(seconds);
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  static Vertex.Builder vertex(String digest, String name) {
    return Vertex.newBuilder().setDigest(digest).setName(name);
  }

  static Vertex.Builder started(String digest, String name, double start) {
    return vertex(digest, name).setStarted(at(start));
  }

  static Vertex.Builder done(String digest, String name, double start, double end) {
    return started(digest, name, start).setCompleted(at(end));
  }

  static Vertex.Builder grouped(Vertex.Builder v, String id, String name) {
    return v.setProgressGroup(ProgressGroup.newBuilder().setId(id).setName(name));
  }

  static StatusResponse vertexes(Vertex.Builder... vs) {
    StatusResponse.Builder b = StatusResponse.newBuilder();
    for (Vertex.Builder v : vs) {
      b.addVertexes(v);
    }
    return b.build();
  }

  static StatusResponse log(String digest, double t, String text) {
    return StatusResponse.newBuilder()
        .addLogs(
            VertexLog.newBuilder()
                .setVertex(digest)
                .setTimestamp(at(t))
                .setStream(1)
                .setMsg(ByteString.copyFrom(text, StandardCharsets.UTF_8)))
        .build();
  }

  static VertexStatus.Builder status(String digest, String id, long current, long total, double start, double now) {
    return VertexStatus.newBuilder()
        .setVertex(digest)
        .setID(id)
        .setCurrent(current)
        .setTotal(total)
        .setStarted(at(start))
        .setTimestamp(at(now));
  }

  static StatusResponse statuses(VertexStatus.Builder... ss) {
    StatusResponse.Builder b = StatusResponse.newBuilder();
    for (VertexStatus.Builder s : ss) {
      b.addStatuses(s);
    }
    return b.build();
  }

  static StatusResponse warning(String digest, String shortText) {
    return StatusResponse.newBuilder()
        .addWarnings(
            VertexWarning.newBuilder()
                .setVertex(digest)
                .setLevel(1)
                .setShort(ByteString.copyFrom(shortText, StandardCharsets.UTF_8)))
        .build();
  }
}
