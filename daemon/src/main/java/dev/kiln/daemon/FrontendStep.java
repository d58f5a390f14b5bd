package dev.kiln.daemon;

import dev.kiln.daemon.progress.BuildJob;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.Vertex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A progress vertex for the in-process frontend's work (reading the Dockerfile through the
 * session), which is no LLB op: without it the user sees nothing until the first step starts.
 */
final class FrontendStep {
  private final BuildJob job;
  private final Vertex.Builder vertex;

  private FrontendStep(BuildJob job, Vertex.Builder vertex) {
    this.job = job;
    this.vertex = vertex;
  }

  static FrontendStep start(BuildJob job, String name) {
    Vertex.Builder v = Vertex.newBuilder().setDigest(digest("kiln.frontend.v0\n" + job.ref() + "\n" + name))
        .setName(name).setStarted(timestamp(Instant.now()));
    job.publish(StatusResponse.newBuilder().addVertexes(v.build()).build());
    return new FrontendStep(job, v);
  }

  /** @param error null on success */
  void done(String error) {
    vertex.setCompleted(timestamp(Instant.now()));
    if (error != null) vertex.setError(error);
    job.publish(StatusResponse.newBuilder().addVertexes(vertex.build()).build());
  }

  private static com.google.protobuf.Timestamp timestamp(Instant t) {
    return com.google.protobuf.Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static String digest(String text) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
