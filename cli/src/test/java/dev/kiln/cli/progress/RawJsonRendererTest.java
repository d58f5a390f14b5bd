package dev.kiln.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.proto.control.StatusResponse;
import dev.kiln.proto.control.VertexStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawJsonRendererTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> render(List<StatusResponse> messages) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ProgressDisplay d =
        ProgressDisplay.create(ProgressMode.RAWJSON, new PrintStream(buf, true, StandardCharsets.UTF_8), false, () -> TerminalSize.DEFAULT)) {
      messages.forEach(d);
    }
    List<JsonNode> nodes = new java.util.ArrayList<>();
    for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  @Test
  void writesOneSolveStatusPerMessage() throws Exception {
    assertThat(render(Scenario.all())).hasSize(Scenario.all().size());
  }

  @Test
  void vertexFieldsFollowClientGraphGo() throws Exception {
    JsonNode v =
        render(List.of(Script.vertexes(Script.done(Scenario.BASE, Scenario.BASE_NAME, 0.2, 0.25).setCached(true).addInputs("sha256:in"))))
            .getFirst();

    assertThat(v.fieldNames()).toIterable().containsExactly("vertexes");
    assertThat(v.get("vertexes").get(0).toString())
        .isEqualTo(
            "{\"digest\":\"sha256:base\",\"inputs\":[\"sha256:in\"],\"name\":\"[base 1/1] FROM docker.io/library/alpine:3.19\","
                + "\"started\":\"2026-11-26T20:49:29.2Z\",\"completed\":\"2026-11-26T20:49:29.25Z\",\"cached\":true}");
  }

  @Test
  void progressGroupAndErrorAreWritten() throws Exception {
    JsonNode v =
        render(List.of(Script.vertexes(Script.grouped(Script.started("sha256:l", "exporting layers", 0), "export", "exporting to image").setError("boom"))))
            .getFirst()
            .get("vertexes")
            .get(0);

    assertThat(v.get("error").asText()).isEqualTo("boom");
    assertThat(v.get("progressGroup").toString()).isEqualTo("{\"id\":\"export\",\"name\":\"exporting to image\"}");
    assertThat(v.has("completed")).isFalse();
    assertThat(v.has("cached")).isFalse();
  }

  @Test
  void statusKeepsIdCurrentAndTimestampEvenWhenZero() throws Exception {
    StatusResponse withTotal = Script.statuses(Script.status(Scenario.CTX, "transferring context:", 1024, 2050, 0.3, 0.35));
    StatusResponse bare = StatusResponse.newBuilder().addStatuses(VertexStatus.newBuilder().setID("resolve")).build();

    List<JsonNode> out = render(List.of(withTotal, bare));

    assertThat(out.get(0).get("statuses").get(0).toString())
        .isEqualTo(
            "{\"id\":\"transferring context:\",\"vertex\":\"sha256:ctx\",\"total\":2050,\"current\":1024,"
                + "\"timestamp\":\"2026-11-26T20:49:29.35Z\",\"started\":\"2026-11-26T20:49:29.3Z\"}");
    assertThat(out.get(1).get("statuses").get(0).toString())
        .isEqualTo("{\"id\":\"resolve\",\"current\":0,\"timestamp\":\"0001-01-01T00:00:00Z\"}");
  }

  @Test
  void logDataIsBase64AndWarningsKeepTheirShortText() throws Exception {
    List<JsonNode> out = render(List.of(Script.log(Scenario.RUN_A, 1.1, "a1\n"), Script.warning(Scenario.DEF, "JSONArgsRecommended")));

    JsonNode log = out.get(0).get("logs").get(0);
    assertThat(log.get("vertex").asText()).isEqualTo(Scenario.RUN_A);
    assertThat(log.get("stream").asInt()).isEqualTo(1);
    assertThat(new String(Base64.getDecoder().decode(log.get("data").asText()), StandardCharsets.UTF_8)).isEqualTo("a1\n");
    assertThat(log.get("timestamp").asText()).isEqualTo("2026-11-26T20:49:30.1Z");
    JsonNode warning = out.get(1).get("warnings").get(0);
    assertThat(warning.get("level").asInt()).isEqualTo(1);
    assertThat(new String(Base64.getDecoder().decode(warning.get("short").asText()), StandardCharsets.UTF_8))
        .isEqualTo("JSONArgsRecommended");
  }
}
