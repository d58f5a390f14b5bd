package dev.kiln.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ShellLexerTest {

    private static final Map<String, String> ENV = Map.of(
            "FILE", "foo.tar.gz",
            "PATH", "/usr/local/bin:/usr/bin",
            "STAR", "a*b*c",
            "EMPTY", "");

    private final ShellLexer lexer = new ShellLexer('\\');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ${FILE#*.}            | tar.gz
            ${FILE##*.}           | gz
            ${FILE%.*}            | foo.tar
            ${FILE%%.*}           | foo
            ${FILE#nomatch}       | foo.tar.gz
            ${FILE#f?o}           | .tar.gz
            ${FILE/o/0}           | f0o.tar.gz
            ${FILE//o/0}          | f00.tar.gz
            ${FILE/.tar/}         | foo.gz
            ${FILE//?/x}          | xxxxxxxxxx
            ${PATH//:/ }          | /usr/local/bin /usr/bin
            ${PATH%%:*}           | /usr/local/bin
            ${STAR#*\\*}          | b*c
            ${STAR%\\**}          | a*b
            ${STAR//\\*/-}        | a-b-c
            ${UNSET#x}            | ""
            ${EMPTY:-dflt}        | dflt
            ${EMPTY-dflt}         | ""
            ${EMPTY:+set}         | ""
            ${EMPTY+set}          | set
            """)
    void patternAndDefaultModifiers(String word, String expected) throws ShellExpansionException {
        assertThat(lexer.processWord(word, ENV)).isEqualTo(expected);
    }

    @Test
    void requiredVariableFailsWithItsMessage() {
        assertThatThrownBy(() -> lexer.processWord("${UNSET:?must be set}", ENV))
                .isInstanceOf(ShellExpansionException.class)
                .hasMessage("failed to process \"${UNSET:?must be set}\": UNSET: must be set");
        assertThatThrownBy(() -> lexer.processWord("${EMPTY:?}", ENV))
                .hasMessageEndingWith("EMPTY: is not allowed to be empty");
    }

    @Test
    void invalidPatternEscapeIsAnError() {
        assertThatThrownBy(() -> lexer.processWord("${FILE#\\x}", ENV))
                .hasMessageContaining("invalid pattern (\\x) in substitution");
    }

    @Test
    void backtickEscapeToken() throws ShellExpansionException {
        ShellLexer windows = new ShellLexer('`');

        assertThat(windows.processWord("c:\\dir`$FILE", ENV)).isEqualTo("c:\\dir$FILE");
        assertThat(windows.processWords("a` b \"x`\"y\"", ENV)).containsExactly("a b", "x\"y");
    }

    @Test
    void quotedTextIsNotSplitButExpansionsAre() throws ShellExpansionException {
        Map<String, String> env = Map.of("V", "one two");

        assertThat(lexer.processWords("$V \"$V\" '$V'", env)).containsExactly("one", "two", "one two", "$V");
    }

    @Test
    void heredocOperatorKeepsFollowingBlanksInItsWord() throws ShellExpansionException {
        assertThat(lexer.processWords("cat <<  EOF > out", Map.of())).containsExactly("cat", "<<  EOF", ">", "out");
    }

    @Test
    void rawModesKeepQuotesEscapesAndUnsetReferences() throws ShellExpansionException {
        ShellLexer raw = lexer.withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true);

        assertThat(raw.processWord("'a' \"b\" \\$c ${d:-e} $FILE", ENV)).isEqualTo("'a' \"b\" \\$c ${d:-e} foo.tar.gz");
    }

    @Test
    void reportsWhichVariablesWereReferenced() throws ShellExpansionException {
        ExpansionResult result = lexer.expand("$FILE ${NOPE:-x}", ENV);

        assertThat(result.matched()).containsExactly("FILE");
        assertThat(result.unmatched()).containsExactly("NOPE");
    }

    @Test
    void deeplyNestedExpansionIsACleanError() throws Exception {
        ShellLexer lexer = new ShellLexer('\\');
        String ok = "${A:-".repeat(50) + "x" + "}".repeat(50);
        assertThat(lexer.processWord(ok, Map.of())).isEqualTo("x");
        String deep = "${A:-".repeat(5000) + "}".repeat(5000);
        assertThatThrownBy(() -> lexer.processWord(deep, Map.of())).isInstanceOf(ShellExpansionException.class)
                .hasMessageContaining("nested more than 100 levels deep");
    }
}
