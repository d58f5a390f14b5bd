package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DirectivesTest {

    @Test
    void backtickEscapeChangesLineContinuation() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse("# escape=`\nFROM windows\nRUN dir c:\\ `\n  && echo hi\n");

        assertThat(result.escapeToken()).isEqualTo('`');
        assertThat(result.instructions().get(1).dump()).isEqualTo("(run \"dir c:\\\\   && echo hi\")");
        assertThat(result.instructions().get(1).endLine()).isEqualTo(4);
    }

    @Test
    void directivesAreCaseInsensitiveAndRecorded() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse(
                "#Syntax = docker/dockerfile:1 \n# ESCAPE=`\n#  check=skip=all\nFROM a\n");

        assertThat(result.directives()).containsExactly(
                new Directive("syntax", "docker/dockerfile:1", 1),
                new Directive("escape", "`", 2),
                new Directive("check", "skip=all", 3));
        assertThat(result.directive("check")).map(Directive::value).contains("skip=all");
    }

    @Test
    void directiveAfterCommentOrInstructionIsIgnored() throws DockerfileParseException {
        ParseResult afterComment = DockerfileParser.parse("# hello\n# escape=`\nFROM a\n");
        ParseResult afterInstruction = DockerfileParser.parse("FROM a\n# escape=`\nRUN x `\n");

        assertThat(afterComment.escapeToken()).isEqualTo('\\');
        assertThat(afterComment.directives()).isEmpty();
        assertThat(afterInstruction.escapeToken()).isEqualTo('\\');
        assertThat(afterInstruction.instructions().get(1).dump()).isEqualTo("(run \"x `\")");
    }

    @Test
    void unknownDirectiveEndsTheDirectiveSection() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse("# foo=bar\n# escape=`\nFROM a\n");

        assertThat(result.escapeToken()).isEqualTo('\\');
    }

    @Test
    void repeatedDirectiveIsAnErrorOnItsLine() {
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=\\\n# escape=`\nFROM a\n"))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessage("Dockerfile:2: only one escape parser directive can be used");
    }

    @Test
    void invalidEscapeTokenIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=x\nFROM a\n"))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessageContaining("Dockerfile:1: invalid escape token 'x'");
    }

    @Test
    void byteOrderMarkAndCrlfAreIgnored() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse("\uFEFF# escape=`\r\nFROM a\r\nRUN b `\r\n c\r\n");

        assertThat(result.escapeToken()).isEqualTo('`');
        assertThat(result.dump()).isEqualTo("(from \"a\")\n(run \"b  c\")\n");
    }
}
