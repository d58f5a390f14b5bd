package dev.kiln.daemon.progress;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.Vertex;
import dev.kiln.proto.control.VertexLog;
import dev.kiln.proto.control.VertexStatus;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns engine progress events into BuildKit {@code StatusResponse}s. A vertex is re-sent whole
 * whenever its state changes (clients merge by digest), so this keeps each vertex's latest state.
 * Not thread-safe: called from the job's progress listener, which is serialized.
 */
public final class StatusConverter {
  private final Map<String, List<String>> inputs = new HashMap<>();
  private final Map<String, Vertex> vertexes = new HashMap<>();

  /** Learns each op's inputs from {@code definition}, so vertexes carry them as BuildKit's do. */
  public void addDefinition(Definition definition) {
    for (ByteString bytes : definition.getDefList()) {
      try {
        Op op = Op.parseFrom(bytes);
        inputs.put(digest(bytes), op.getInputsList().stream().map(i -> i.getDigest()).toList());
      } catch (InvalidProtocolBufferException e) {
        // the engine reports a malformed op itself; progress just lacks its inputs
      }
    }
  }

  public StatusResponse convert(ProgressEvent event) {
    String digest = event.vertex().digest();
    Vertex.Builder v = vertexes.getOrDefault(digest, Vertex.newBuilder()
        .setDigest(digest)
        .setName(event.vertex().name())
        .addAllInputs(inputs.getOrDefault(digest, List.of()))
        .build()).toBuilder();
    return switch (event.event()) {
      case VertexEvent.Started s -> vertex(v.setStarted(ts(s.time())).clearCompleted().clearError());
      case VertexEvent.Cached c -> vertex(v.setCached(true).setStarted(ts(c.time())).setCompleted(ts(c.time())));
      case VertexEvent.Completed c -> vertex(v.setStarted(ts(c.started())).setCompleted(ts(c.time())));
      case VertexEvent.Errored e -> vertex(v.setCompleted(ts(e.time())).setError(e.error()));
      case VertexEvent.Status s -> StatusResponse.newBuilder().addStatuses(status(digest, s)).build();
      case VertexEvent.Log l -> StatusResponse.newBuilder().addLogs(VertexLog.newBuilder()
          .setVertex(digest).setTimestamp(ts(l.time())).setStream(l.stream())
          .setMsg(ByteString.copyFrom(l.data()))).build();
    };
  }

  private StatusResponse vertex(Vertex.Builder v) {
    if (!v.hasStarted() && v.hasCompleted()) {
      v.setStarted(v.getCompleted());
    }
    Vertex built = v.build();
    vertexes.put(built.getDigest(), built);
    return StatusResponse.newBuilder().addVertexes(built).build();
  }

  private static VertexStatus status(String digest, VertexEvent.Status s) {
    VertexStatus.Builder b = VertexStatus.newBuilder().setID(s.id()).setVertex(digest).setName(s.name())
        .setCurrent(s.current()).setTotal(s.total()).setTimestamp(ts(s.time()));
    if (s.started() != null) b.setStarted(ts(s.started()));
    if (s.completed() != null) b.setCompleted(ts(s.completed()));
    return b.build();
  }

  static Timestamp ts(Instant time) {
    return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
  }

  private static String digest(ByteString bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
