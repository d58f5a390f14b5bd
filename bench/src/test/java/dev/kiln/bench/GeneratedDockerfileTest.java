package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.convert.ConvertOptions;
import dev.kiln.dockerfile.convert.DockerfileConverter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark input is what it claims: deterministic, 500 instructions, convertible. */
class GeneratedDockerfileTest {

    @Test
    void fiveHundredInstructionsInThreeStagesThatConvert() throws Exception {
        String df = GeneratedDockerfile.of(500);
        assertThat(df).isEqualTo(GeneratedDockerfile.of(500));
        assertThat(df.lines().filter(l -> !l.startsWith("#"))).hasSize(500);
        assertThat(df.lines().filter(l -> l.startsWith("FROM "))).hasSize(3);
        for (String kw : new String[] {"RUN ", "ENV ", "ARG ", "COPY ", "WORKDIR ", "LABEL "}) {
            assertThat(df.lines().filter(l -> l.startsWith(kw)).count()).as(kw).isGreaterThan(50);
        }
        var c = DockerfileConverter.convert(df.getBytes(StandardCharsets.UTF_8),
                ConvertOptions.builder(new FixedImageResolver()).build());
        assertThat(c.definition("t").getDefList()).hasSizeGreaterThan(200);
    }
}
