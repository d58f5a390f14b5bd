package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BuildKit's "did you mean" rule: distance 1 or 2, case-insensitive names keep the case written. */
class SuggestionsTest {

    private static final List<String> INSTRUCTIONS = List.of("add", "copy", "from", "run", "workdir");

    @Test
    void aCloseNameIsSuggestedInTheCaseItWasWritten() {
        assertThat(Suggestions.withHint("bad", "RUNN", INSTRUCTIONS, false)).isEqualTo("bad (did you mean RUN?)");
        assertThat(Suggestions.withHint("bad", "runn", INSTRUCTIONS, false)).isEqualTo("bad (did you mean run?)");
        assertThat(Suggestions.withHint("bad", "Runn", INSTRUCTIONS, false)).isEqualTo("bad (did you mean run?)");
        assertThat(Suggestions.withHint("bad", "WORKDI", INSTRUCTIONS, false)).isEqualTo("bad (did you mean WORKDIR?)");
        assertThat(Suggestions.withHint("bad", "CPOY", INSTRUCTIONS, false)).isEqualTo("bad (did you mean COPY?)");
    }

    @Test
    void farNamesAndExactMatchesGetNoHint() {
        assertThat(Suggestions.withHint("bad", "BOGUS", INSTRUCTIONS, false)).isEqualTo("bad");
        assertThat(Suggestions.withHint("bad", "ECHO", INSTRUCTIONS, false)).isEqualTo("bad");
        assertThat(Suggestions.withHint("bad", "Copy", INSTRUCTIONS, false)).isEqualTo("bad");
    }

    @Test
    void caseSensitiveOptionsAreSuggestedAsDeclared() {
        assertThat(Suggestions.withHint("unknown flag: chonw", "chonw", List.of("chown", "chmod"), true))
                .isEqualTo("unknown flag: chonw (did you mean chown?)");
        assertThat(Suggestions.withHint("unknown flag: CHOWN", "CHOWN", List.of("chown"), true))
                .isEqualTo("unknown flag: CHOWN");
    }

    @Test
    void theClosestOptionWinsAndTheFirstOnATie() {
        assertThat(Suggestions.withHint("x", "ad", List.of("from", "add", "arg"), true)).isEqualTo("x (did you mean add?)");
        assertThat(Suggestions.withHint("x", "ab", List.of("arg", "add"), true)).isEqualTo("x (did you mean arg?)");
    }

    @Test
    void editDistance() {
        assertThat(Suggestions.levenshtein("", "abc")).isEqualTo(3);
        assertThat(Suggestions.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.levenshtein("foo", "from")).isEqualTo(2);
        assertThat(Suggestions.levenshtein("copy", "copy")).isZero();
    }
}
