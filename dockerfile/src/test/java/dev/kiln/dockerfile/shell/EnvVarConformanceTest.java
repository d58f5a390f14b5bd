package dev.kiln.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.Conformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every A (all platforms) and U (Unix) line of BuildKit's envVarTest. */
class EnvVarConformanceTest {

    private static final Map<String, String> ENV = Map.of(
            "PWD", "/home",
            "SHELL", "bash",
            "KOREAN", "한국어",
            "NULL", "");

    record Case(int line, String input, String expected) {
        @Override
        public String toString() {
            return "line " + line + ": " + input;
        }
    }

    static List<Case> cases() {
        List<String> lines = Conformance.lines(Conformance.testdata().resolve("shell/envVarTest"));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            assertThat(fields).as("line %d", i + 1).hasSize(3);
            String platform = Text.trimSpace(fields[0]);
            if (platform.equals("W")) {
                continue; // Windows-only by definition
            }
            assertThat(platform).isIn("A", "U");
            cases.add(new Case(i + 1, Text.trimSpace(fields[1]), Text.trimSpace(fields[2])));
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void expandsLikeBuildKit(Case c) throws ShellExpansionException {
        ShellLexer lexer = new ShellLexer('\\');
        if (c.expected().equals("error")) {
            assertThatThrownBy(() -> lexer.processWord(c.input(), ENV)).isInstanceOf(ShellExpansionException.class);
        } else {
            assertThat(lexer.processWord(c.input(), ENV)).isEqualTo(c.expected());
        }
    }

    @Test
    void coversTheWholeFile() {
        assertThat(cases()).hasSizeGreaterThan(200);
    }
}
