package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BuildKit's parser test cases: positive ones must dump exactly, negative ones must be rejected. */
class ParserConformanceTest {

    static List<Path> parserCases() {
        return Conformance.caseDirectories("parser");
    }

    static List<Path> negativeCases() {
        return Conformance.caseDirectories("parser-negative");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parserCases")
    void dumpMatchesResult(Path dir) throws IOException, DockerfileParseException {
        ParseResult result = DockerfileParser.parse(read(dir.resolve("Dockerfile")));

        List<String> dumped = result.instructions().stream().map(Node::dump).toList();
        assertThat(dumped).containsExactlyElementsOf(Conformance.lines(dir.resolve("result")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeCases")
    void isRejected(Path dir) throws IOException {
        String text = read(dir.resolve("Dockerfile"));

        assertThatThrownBy(() -> DockerfileParser.parseAndValidate(text))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessageStartingWith("Dockerfile:");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
