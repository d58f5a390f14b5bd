package dev.kiln.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.Conformance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of BuildKit's wordsTest, with its cumulative ENV lines. */
class WordsConformanceTest {

    record Case(int line, String input, List<String> expected, Map<String, String> env) {
        @Override
        public String toString() {
            return "line " + line + ": " + input;
        }
    }

    static List<Case> cases() {
        List<String> lines = Conformance.lines(Conformance.testdata().resolve("shell/wordsTest"));
        Map<String, String> env = new LinkedHashMap<>();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String assignment = line.substring(4).stripLeading();
                int eq = assignment.indexOf('=');
                env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
                continue;
            }
            String[] fields = line.split("\\|", -1);
            assertThat(fields).as("line %d", i + 1).hasSize(2);
            List<String> expected = Arrays.asList(fields[1].replaceFirst("^ +", "").split(",", -1));
            cases.add(new Case(i + 1, Text.trimSpace(fields[0]), expected, Map.copyOf(env)));
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitsLikeBuildKit(Case c) throws ShellExpansionException {
        ShellLexer lexer = new ShellLexer('\\');
        if (c.expected().getFirst().equals("error")) {
            assertThatThrownBy(() -> lexer.processWords(c.input(), c.env()))
                    .isInstanceOf(ShellExpansionException.class);
        } else {
            assertThat(lexer.processWords(c.input(), c.env())).containsExactlyElementsOf(c.expected());
        }
    }
}
