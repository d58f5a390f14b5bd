package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeredocTest {

    private static Node instruction(String dockerfile, int index) throws DockerfileParseException {
        return DockerfileParser.parse(dockerfile).instructions().get(index);
    }

    @Test
    void keepsContentLinesWithTheirEndings() throws DockerfileParseException {
        Node run = instruction("FROM alpine\nRUN <<EOF\necho hi\n# not a comment\nEOF\nCMD x\n", 1);

        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "echo hi\n# not a comment\n"));
        assertThat(run.dump()).isEqualTo("(run \"<<EOF\")");
        assertThat(run.startLine()).isEqualTo(2);
        assertThat(run.endLine()).isEqualTo(5);
    }

    @Test
    void instructionAfterHeredocIsParsedNormally() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse("FROM alpine\nRUN <<EOF\nRUN not me\nEOF\nCMD x\n");

        assertThat(result.dump()).isEqualTo("(from \"alpine\")\n(run \"<<EOF\")\n(cmd \"x\")\n");
        assertThat(result.instructions().get(2).startLine()).isEqualTo(5);
    }

    @Test
    void dashFormStripsLeadingTabsAndMatchesIndentedDelimiter() throws DockerfileParseException {
        Heredoc doc = instruction("FROM a\nRUN <<-EOT\n\tfoo\n\t\tbar\n  baz\n\tEOT\n", 1).heredocs().getFirst();

        assertThat(doc.chomp()).isTrue();
        assertThat(doc.content()).isEqualTo("\tfoo\n\t\tbar\n  baz\n");
        assertThat(doc.effectiveContent()).isEqualTo("foo\nbar\n  baz\n");
    }

    @Test
    void withoutDashAnIndentedDelimiterIsContent() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nRUN <<EOT\n\tEOT\n"))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessage("Dockerfile:2: unterminated heredoc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<<\"EOF\"", "<<'EOF'", "<<E\"O\"F", "<<-'EOF'"})
    void quotedDelimiterMeansNoExpansion(String opener) throws DockerfileParseException {
        Heredoc doc = instruction("FROM a\nRUN " + opener + " sh\necho $HOME\nEOF\n", 1).heredocs().getFirst();

        assertThat(doc.name()).isEqualTo("EOF");
        assertThat(doc.expand()).isFalse();
        assertThat(doc.content()).isEqualTo("echo $HOME\n");
    }

    @Test
    void escapedQuoteIsPartOfTheNameAndStillExpands() throws DockerfileParseException {
        Heredoc doc = instruction("FROM a\nRUN <<eo\\'f\necho\neo'f\n", 1).heredocs().getFirst();

        assertThat(doc.name()).isEqualTo("eo'f");
        assertThat(doc.expand()).isTrue();
    }

    @Test
    void severalHeredocsOnOneLineAreReadInOrder() throws DockerfileParseException {
        Node copy = instruction("FROM a\nCOPY <<X <<Y /dest/\nY\nX\nX\nY\n", 1);

        assertThat(copy.heredocs()).extracting(Heredoc::name, Heredoc::content)
                .containsExactly(
                        tuple("X", "Y\n"),
                        tuple("Y", "X\n"));
        assertThat(copy.dump()).isEqualTo("(copy \"<<X\" \"<<Y\" \"/dest/\")");
        assertThat(copy.endLine()).isEqualTo(6);
    }

    @Test
    void fileDescriptorAndBlanksAfterTheOperator() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse("FROM a\nRUN 3<<A\nA\nRUN <<  B  > out\nB\nRUN << -C\n-C\n");

        List<Node> runs = result.instructions().subList(1, 4);
        assertThat(runs.get(0).heredocs().getFirst().fileDescriptor()).isEqualTo(3);
        assertThat(runs.get(1).heredocs().getFirst().name()).isEqualTo("B");
        assertThat(runs.get(2).heredocs().getFirst().name()).isEqualTo("-C");
    }

    @Test
    void onlyRunCopyAddInShellFormHaveHeredocs() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse(
                "FROM a\nRUN [\"<<EOF\"]\nUSER <<EOF\nRUN \"<<EOF\"\nRUN echo '<<EOF'\n");

        assertThat(result.instructions()).allSatisfy(node -> assertThat(node.heredocs()).isEmpty());
        assertThat(result.instructions()).hasSize(5);
    }

    @Test
    void onbuildTriggerCanOpenAHeredoc() throws DockerfileParseException {
        Node onbuild = instruction("FROM a\nONBUILD RUN <<EOF\necho\nEOF\n", 1);

        assertThat(onbuild.heredocs()).extracting(Heredoc::name).containsExactly("EOF");
        assertThat(onbuild.dump()).isEqualTo("(onbuild (run \"<<EOF\"))");
    }

    @Test
    void unbalancedQuoteOnTheLineMeansNoHeredoc() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse("FROM a\nCOPY <<EOF' /x\nEOF\n");

        assertThat(result.instructions().get(1).heredocs()).isEmpty();
        assertThat(result.instructions()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<<'EOF", "<<\"EOF", "<<EOF'", "<<EOF\""})
    void unbalancedQuoteInADelimiterWordIsAnError(String word) {
        assertThatThrownBy(() -> HeredocScanner.fromWord(word)).isInstanceOf(InstructionSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh"})
    void wordsThatAreNotHeredocs(String word) throws InstructionSyntaxException {
        assertThat(HeredocScanner.fromWord(word)).isEmpty();
    }
}
