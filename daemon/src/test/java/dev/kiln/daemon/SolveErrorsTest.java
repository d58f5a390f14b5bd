package dev.kiln.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import dev.kiln.llb.SourceLocation;
import dev.kiln.llb.SourceMap;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a failed build's status carries for the client: the message, and BuildKit's typed details. */
class SolveErrorsTest {
  @Test
  void aRejectedDefinitionFileCarriesTheSourceDetailBuildctlPrints() throws Exception {
    String dockerfile = "FROM scratch\nRUNN echo\n";
    SourceLocation where = new SourceMap("ci.Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), "Dockerfile")
        .location(List.of(SourceLocation.Range.of(2, 0, 2, 0)));
    var e = SolveErrors.toException(new BuildFailure(Status.INVALID_ARGUMENT.withDescription("unknown instruction: RUNN"), where));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).isEqualTo("unknown instruction: RUNN");
    List<Any> details = StatusProto.fromThrowable(e).getDetailsList();
    assertThat(details).singleElement().extracting(Any::getTypeUrl).isEqualTo("github.com/moby/buildkit/errdefs.Source+json");
    JsonNode json = new ObjectMapper().readTree(details.getFirst().getValue().toStringUtf8());
    assertThat(json.path("info").path("filename").asText()).isEqualTo("ci.Dockerfile");
    assertThat(new String(Base64.getDecoder().decode(json.path("info").path("data").asText()), StandardCharsets.UTF_8))
        .isEqualTo(dockerfile);
    assertThat(json.path("ranges").toString()).isEqualTo("[{\"start\":{\"line\":2},\"end\":{\"line\":2}}]");
  }

  @Test
  void aFailedStepCarriesItsVertexAndWhereItsOpComesFromInTheDefinition() throws Exception {
    String dockerfile = "FROM scratch\nRUN false\n";
    var failing = dev.kiln.llb.State.scratch().run(r -> r.args("false").location(
        new SourceMap("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8), "Dockerfile")
            .location(List.of(SourceLocation.Range.of(2, 0, 2, 0))))).root();
    var def = failing.marshal(dev.kiln.llb.MarshalOptions.defaults().withPlatform(dev.kiln.llb.Platform.LINUX_AMD64));
    String digest = def.getSource().getLocationsMap().keySet().stream()
        .filter(d -> def.getSource().getLocationsMap().get(d).getLocationsCount() > 0).findFirst().orElseThrow();
    var vertex = new dev.kiln.solver.progress.VertexRef(digest, "[2/2] RUN false", "");
    var failed = new dev.kiln.solver.VertexFailedException(vertex, new java.io.IOException("exit code: 1"));

    var e = SolveErrors.toException(new SourcedFailure(failed, SourceDetail.of(def, digest).orElseThrow()));

    assertThat(e.getStatus().getDescription()).isEqualTo("exit code: 1");
    List<Any> details = StatusProto.fromThrowable(e).getDetailsList();
    assertThat(details).extracting(Any::getTypeUrl).containsExactly(
        "github.com/moby/buildkit/errdefs.Vertex+json", "github.com/moby/buildkit/errdefs.Source+json");
    JsonNode json = new ObjectMapper().readTree(details.get(1).getValue().toStringUtf8());
    assertThat(json.path("info").path("filename").asText()).isEqualTo("Dockerfile");
    assertThat(json.path("ranges").toString()).isEqualTo("[{\"start\":{\"line\":2},\"end\":{\"line\":2}}]");
    assertThat(SourceDetail.of(def, "sha256:" + "0".repeat(64))).isEmpty();
  }

  @Test
  void aFailureWithoutLocationHasNoDetails() {
    var e = SolveErrors.toException(new BuildFailure(Status.INVALID_ARGUMENT.withDescription("bad")));
    var rich = StatusProto.fromThrowable(e);
    assertThat(rich == null ? 0 : rich.getDetailsCount()).isZero();
    assertThat(e.getStatus().getDescription()).isEqualTo("bad");
  }
}
