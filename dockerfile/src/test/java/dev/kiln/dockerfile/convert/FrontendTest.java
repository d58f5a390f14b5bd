package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.llb.frontend.FrontendException;
import dev.kiln.llb.frontend.FrontendResult;
import dev.kiln.llb.frontend.StaticFrontendContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dockerfile.v0 frontend through the SPI: options, .dockerignore, located errors. */
class FrontendTest {

    private static StaticFrontendContext context(Map<String, String> options, String dockerfile, String ignore) {
        Map<String, byte[]> files = new HashMap<>();
        files.put("dockerfile/Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
        if (ignore != null) {
            files.put("context/.dockerignore", ignore.getBytes(StandardCharsets.UTF_8));
        }
        return new StaticFrontendContext(options, files, new FakeImageResolver(), GoldenCase.ALL_CAPS, "sess1");
    }

    @Test
    void convertsWithDockerignoreAndSession() throws Exception {
        FrontendResult r = new DockerfileFrontend().build(context(Map.of("build-arg:A", "1"),
                "FROM scratch\nARG A\nCOPY . /app\n", "# comment\n/node_modules\n!keep.md\n"));
        String attrs = dev.kiln.llb.dump.JsonDump.render(dev.kiln.llb.dump.DefinitionReader.read(
                dev.kiln.llb.DeterministicProto.bytes(r.definition())));
        assertThat(attrs).contains("\"local.excludepatterns\":\"[\\\"node_modules\\\",\\\"!keep.md\\\"]\"")
                .contains("local.session").doesNotContain("local.unique");
        assertThat(new String(r.imageConfig(), StandardCharsets.UTF_8)).contains("COPY . /app # buildkit");
    }

    @Test
    void badOptionNamesItsKey() {
        assertThatThrownBy(() -> new DockerfileFrontend().build(context(Map.of("image-resolve-mode", "sometimes"),
                "FROM scratch\n", null))).isInstanceOf(FrontendException.class)
                .hasMessageStartingWith("image-resolve-mode: invalid value sometimes");
    }

    @Test
    void conversionErrorsCarryTheirLocation() {
        assertThatThrownBy(() -> new DockerfileFrontend().build(context(Map.of(), "FROM scratch\nWORKDIR\n", null)))
                .isInstanceOfSatisfying(FrontendException.class, e -> {
                    assertThat(e.location()).isPresent();
                    assertThat(e.location().get().ranges().getFirst().start().line()).isEqualTo(2);
                });
    }

    @Test
    void fromRunAndCopyOpsRecordTheirLinesInTheDefinitionsSourceMap() throws Exception {
        String dockerfile = "FROM localhost:5000/busybox\nCOPY . /app\nRUN echo a && \\\n  echo b\n";
        var def = new DockerfileFrontend().build(context(Map.of(), dockerfile, null)).definition();
        var source = def.getSource();
        assertThat(source.getInfosList()).singleElement().satisfies(info -> {
            assertThat(info.getFilename()).isEqualTo("Dockerfile");
            assertThat(info.getData().toStringUtf8()).isEqualTo(dockerfile);
            assertThat(info.getLanguage()).isEqualTo("Dockerfile");
        });
        var lines = source.getLocationsMap().values().stream().flatMap(l -> l.getLocationsList().stream())
                .map(l -> l.getRanges(0).getStart().getLine() + "-" + l.getRanges(0).getEnd().getLine()).sorted().toList();
        assertThat(lines).containsExactly("1-1", "2-2", "3-4");
    }

    @Test
    void aConversionWithoutSourceMapRecordsNoLocations() throws Exception {
        var options = ConvertOptions.builder(new FakeImageResolver()).build();
        var conversion = DockerfileConverter.convert("FROM scratch\nCOPY . /app\nRUN true\n".getBytes(StandardCharsets.UTF_8),
                options);
        var def = conversion.platforms().getFirst().definition(conversion.llbCaps(), "local-id");
        assertThat(def.getSource().getInfosList()).isEmpty();
        assertThat(def.getSource().getLocationsMap().values()).allSatisfy(l -> assertThat(l.getLocationsList()).isEmpty());
    }

    @Test
    void missingDockerfile() {
        assertThatThrownBy(() -> new DockerfileFrontend().build(context(Map.of("filename", "other.Dockerfile"),
                "FROM scratch\n", null))).hasMessageContaining("other.Dockerfile");
    }
}
