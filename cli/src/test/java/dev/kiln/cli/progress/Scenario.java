package dev.kiln.cli.progress;

import static dev.kiln.cli.progress.Script.at;
import static dev.kiln.cli.progress.Script.done;
import static dev.kiln.cli.progress.Script.grouped;
import static dev.kiln.cli.progress.Script.log;
import static dev.kiln.cli.progress.Script.started;
import static dev.kiln.cli.progress.Script.status;
import static dev.kiln.cli.progress.Script.statuses;
import static dev.kiln.cli.progress.Script.vertex;
import static dev.kiln.cli.progress.Script.vertexes;
import static dev.kiln.cli.progress.Script.warning;

import dev.kiln.proto.control.StatusResponse;
import java.util.List;

/**
 * A scripted build: a definition load with a status and a warning, a cached base, a context
 * transfer counting toward a total, two RUN steps in parallel with interleaved output, a progress
 * group of two vertexes, a failing step and a step canceled because of it.
 */
final class Scenario {
  static final String DEF = "sha256:def";
  static final String BASE = "sha256:base";
  static final String CTX = "sha256:ctx";
  static final String RUN_A = "sha256:runa";
  static final String RUN_B = "sha256:runb";
  static final String EXP_LAYERS = "sha256:layers";
  static final String EXP_IMAGE = "sha256:image";
  static final String BOOM = "sha256:boom";
  static final String SLOW = "sha256:slow";

  static final String DEF_NAME = "[internal] load build definition from Dockerfile";
  static final String BASE_NAME = "[base 1/1] FROM docker.io/library/alpine:3.19";
  static final String CTX_NAME = "[internal] load build context";
  static final String A_NAME = "[a 2/2] RUN sleep 6 && echo a";
  static final String B_NAME = "[b 2/2] RUN echo b";
  static final String BOOM_NAME = "[final 2/3] RUN echo boom && exit 3";
  static final String SLOW_NAME = "[final 3/3] RUN sleep 100";
  static final String BOOM_ERROR =
      "process \"/bin/sh -c echo boom && exit 3\" did not complete successfully: exit code: 3";

  private Scenario() {}

  /** Up to the point where both RUN steps run and have printed. */
  static List<StatusResponse> firstHalf() {
    return List.of(
        vertexes(vertex(DEF, DEF_NAME)),
        vertexes(started(DEF, DEF_NAME, 0.0)),
        statuses(status(DEF, "transferring dockerfile:", 60, 0, 0.0, 0.008).setCompleted(at(0.008))),
        warning(DEF, "JSONArgsRecommended: JSON arguments recommended for CMD"),
        vertexes(done(DEF, DEF_NAME, 0.0, 0.1)),
        vertexes(done(BASE, BASE_NAME, 0.2, 0.2).setCached(true)),
        vertexes(started(CTX, CTX_NAME, 0.3)),
        statuses(status(CTX, "transferring context:", 1024, 2050, 0.3, 0.35)),
        statuses(status(CTX, "transferring context:", 1030, 2050, 0.3, 0.36)),
        statuses(status(CTX, "transferring context:", 2050, 2050, 0.3, 0.42).setCompleted(at(0.42))),
        vertexes(done(CTX, CTX_NAME, 0.3, 0.45)),
        vertexes(vertex(RUN_A, A_NAME).addInputs(BASE), vertex(RUN_B, B_NAME).addInputs(BASE)),
        vertexes(started(RUN_A, A_NAME, 1.0), started(RUN_B, B_NAME, 1.0)),
        log(RUN_A, 1.1, "a1\n"),
        log(RUN_B, 1.2, "b1\n"),
        log(RUN_A, 1.3, "a2\na"),
        log(RUN_A, 1.35, "3\n"));
  }

  /** The rest: the fair-share switch, completions, the group, the failure. */
  static List<StatusResponse> secondHalf() {
    return List.of(
        log(RUN_A, 6.5, "a4\n"),
        vertexes(done(RUN_B, B_NAME, 1.0, 6.6)),
        log(RUN_A, 7.0, "a5"),
        vertexes(done(RUN_A, A_NAME, 1.0, 7.0)),
        vertexes(grouped(started(EXP_LAYERS, "exporting layers", 7.1), "export", "exporting to image")),
        vertexes(
            grouped(done(EXP_LAYERS, "exporting layers", 7.1, 7.3), "export", "exporting to image"),
            grouped(started(EXP_IMAGE, "writing image", 7.3), "export", "exporting to image")),
        vertexes(grouped(done(EXP_IMAGE, "writing image", 7.3, 7.5), "export", "exporting to image")),
        vertexes(started(BOOM, BOOM_NAME, 8.0), started(SLOW, SLOW_NAME, 8.0)),
        log(BOOM, 8.123, "boom\n"),
        vertexes(
            done(BOOM, BOOM_NAME, 8.0, 8.2).setError(BOOM_ERROR),
            done(SLOW, SLOW_NAME, 8.0, 8.2).setError("context canceled")));
  }

  static List<StatusResponse> all() {
    return java.util.stream.Stream.concat(firstHalf().stream(), secondHalf().stream()).toList();
  }
}
