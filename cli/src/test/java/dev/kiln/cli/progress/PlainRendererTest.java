package dev.kiln.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.control.StatusResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainRendererTest {
  private static String render(List<StatusResponse> messages) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try (ProgressDisplay display = ProgressDisplay.create(ProgressMode.PLAIN, err, false, () -> TerminalSize.DEFAULT)) {
      messages.forEach(display);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheScriptedBuildLikeProgressui() {
    assertThat(render(Scenario.all()))
        .isEqualTo(
            """
            #1 [internal] load build definition from Dockerfile
            #1 transferring dockerfile: 60B done
            #1 WARN: JSONArgsRecommended: JSON arguments recommended for CMD
            #1 DONE 0.1s

            #2 [base 1/1] FROM docker.io/library/alpine:3.19
            #2 CACHED

            #3 [internal] load build context
            #3 transferring context: 1.02kB / 2.05kB 0.1s
            #3 transferring context: 2.05kB / 2.05kB 0.1s done
            #3 DONE 0.1s

            #4 [a 2/2] RUN sleep 6 && echo a
            #4 0.100 a1
            #4 0.300 a2
            #4 0.300 a3
            #4 5.500 a4
            #4 ...

            #5 [b 2/2] RUN echo b
            #5 0.200 b1
            #5 DONE 5.6s

            #4 [a 2/2] RUN sleep 6 && echo a
            #4 6.000 a5
            #4 DONE 6.0s

            #6 exporting to image
            #6 DONE 0.4s

            #7 [final 2/3] RUN echo boom && exit 3
            #7 0.123 boom
            #7 ERROR: process "/bin/sh -c echo boom && exit 3" did not complete successfully: exit code: 3

            #8 [final 3/3] RUN sleep 100
            #8 CANCELED
            """);
  }

  @Test
  void closeFlushesHeldBackOutputOfAStepStillRunning() {
    String out = render(Scenario.firstHalf());

    assertThat(out)
        .endsWith(
            """
            #4 0.300 a3
            #4 ...

            #5 [b 2/2] RUN echo b
            #5 0.200 b1
            """);
  }

  @Test
  void heldBackOutputGetsItsTurnAfterFiveSecondsOfTheCurrentStep() {
    List<StatusResponse> messages =
        List.of(
            Script.vertexes(Script.started("sha256:x", "x", 0), Script.started("sha256:y", "y", 0)),
            Script.log("sha256:y", 0.5, "from y\n"),
            Script.log("sha256:x", 1, "x1\n"),
            Script.log("sha256:x", 4.9, "x2\n"),
            Script.log("sha256:x", 10.5, "x3\n"));

    assertThat(render(messages))
        .startsWith(
            """
            #1 x
            #1 1.000 x1
            #1 4.900 x2
            #1 10.50 x3
            #1 ...

            #2 y
            #2 0.500 from y
            """);
  }

  @Test
  void vertexResentWithoutStartTimeDoesNotReprint() {
    List<StatusResponse> messages =
        List.of(
            Script.vertexes(Script.started("sha256:x", "x", 0)),
            Script.vertexes(Script.vertex("sha256:x", "x")),
            Script.vertexes(Script.done("sha256:x", "x", 0, 1.25)));

    assertThat(render(messages)).isEqualTo("#1 x\n#1 DONE 1.2s\n");
  }
}
