package dev.kiln.daemon.progress;

import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.Vertex;
import dev.kiln.proto.control.VertexLog;
import dev.kiln.proto.control.VertexStatus;
import dev.kiln.solver.progress.ProgressWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A progress vertex for work that is no LLB op — the in-process frontend reading the Dockerfile
 * through the session, an exporter pushing an image — so the user sees it as BuildKit shows its
 * {@code [internal]} and {@code exporting to image} steps.
 */
public final class InternalStep {
  private final BuildJob job;
  private final Vertex.Builder vertex;

  private InternalStep(BuildJob job, Vertex.Builder vertex) {
    this.job = job;
    this.vertex = vertex;
  }

  public static InternalStep start(BuildJob job, String name) {
    Vertex.Builder v = Vertex.newBuilder().setDigest(digest("kiln.internal.v0\n" + job.ref() + "\n" + name))
        .setName(name).setStarted(StatusConverter.ts(Instant.now()));
    job.publish(StatusResponse.newBuilder().addVertexes(v.build()).build());
    return new InternalStep(job, v);
  }

  /** Statuses (e.g. bytes of one blob) and logs under this step. */
  public ProgressWriter writer() {
    String digest = vertex.getDigest();
    return new ProgressWriter() {
      @Override
      public void status(String id, String name, long current, long total, Instant started, Instant completed) {
        VertexStatus.Builder s = VertexStatus.newBuilder().setID(id).setVertex(digest).setName(name)
            .setCurrent(current).setTotal(total).setTimestamp(StatusConverter.ts(Instant.now()));
        if (started != null) s.setStarted(StatusConverter.ts(started));
        if (completed != null) s.setCompleted(StatusConverter.ts(completed));
        job.publish(StatusResponse.newBuilder().addStatuses(s).build());
      }

      @Override
      public void log(int stream, byte[] data) {
        job.publish(StatusResponse.newBuilder().addLogs(VertexLog.newBuilder().setVertex(digest).setStream(stream)
            .setMsg(com.google.protobuf.ByteString.copyFrom(data)).setTimestamp(StatusConverter.ts(Instant.now()))).build());
      }
    };
  }

  /** @param error null on success */
  public void done(String error) {
    vertex.setCompleted(StatusConverter.ts(Instant.now()));
    if (error != null) vertex.setError(error);
    job.publish(StatusResponse.newBuilder().addVertexes(vertex.build()).build());
  }

  private static String digest(String text) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
