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
  void aFailureWithoutLocationHasNoDetails() {
    var e = SolveErrors.toException(new BuildFailure(Status.INVALID_ARGUMENT.withDescription("bad")));
    var rich = StatusProto.fromThrowable(e);
    assertThat(rich == null ? 0 : rich.getDetailsCount()).isZero();
    assertThat(e.getStatus().getDescription()).isEqualTo("bad");
  }
}
