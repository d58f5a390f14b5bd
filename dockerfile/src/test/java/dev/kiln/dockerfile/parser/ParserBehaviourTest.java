package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class ParserBehaviourTest {

    @Test
    void instructionNamesAreCaseInsensitive() throws DockerfileParseException {
        Node run = DockerfileParser.parse("from a\nRuN [\"echo\", \"hi\"]\n").instructions().get(1);

        assertThat(run.name()).isEqualTo("RuN");
        assertThat(run.command()).isEqualTo("run");
        assertThat(run.json()).isTrue();
        assertThat(run.dump()).isEqualTo("(run \"echo\" \"hi\")");
    }

    @Test
    void flagsAreSplitOffWithQuotesRemoved() throws DockerfileParseException {
        Node run = DockerfileParser.parse("FROM a\nRUN --mount=type=cache,target=\"/x y\" --network=none echo\n")
                .instructions().get(1);

        assertThat(run.flags()).containsExactly("--mount=type=cache,target=/x y", "--network=none");
        assertThat(run.words()).containsExactly("echo");
    }

    @Test
    void envPairsAreExposedAsKeyValues() throws DockerfileParseException {
        Node env = DockerfileParser.parse("FROM a\nENV A=1 B=\"two words\"\n").instructions().get(1);
        Node legacy = DockerfileParser.parse("FROM a\nENV C legacy value\n").instructions().get(1);

        assertThat(env.keyValues()).containsExactly(
                new Node.KeyValue("A", "1", "="), new Node.KeyValue("B", "\"two words\"", "="));
        assertThat(legacy.keyValues()).containsExactly(new Node.KeyValue("C", "legacy value", ""));
    }

    @Test
    void commentsAboveAnInstructionAreKept() throws DockerfileParseException {
        Node from = DockerfileParser.parse("# first\n# second\nFROM a\n").instructions().getFirst();

        assertThat(from.comments()).containsExactly("first", "second");
    }

    @Test
    void continuationLinesAreCountedInLineNumbers() throws DockerfileParseException {
        ParseResult result = DockerfileParser.parse("FROM a\n\nRUN a \\\n  # comment\n\n  b\nCMD c\n");

        assertThat(result.instructions()).extracting(Node::startLine, Node::endLine)
                .containsExactly(
                        tuple(1, 1),
                        tuple(3, 6),
                        tuple(7, 7));
        assertThat(result.warnings()).isNotEmpty();
    }

    @Test
    void errorsNameTheInstructionLine() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\n\nRUN a \\\n  b\nCMD [\"x\", 1]\n"))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessage("Dockerfile:5: when using JSON array syntax, arrays must be comprised of strings only");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nLABEL a=b c\n"))
                .hasMessage("Dockerfile:2: Syntax error - can't find = in \"c\". Must be of the form: name=value");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\n\nENV PATH\n"))
                .hasMessage("Dockerfile:3: ENV must have two arguments");
        assertThatThrownBy(() -> DockerfileParser.parse("\n# only a comment\n"))
                .hasMessage("Dockerfile:2: file with no instructions");
    }

    @Test
    void onbuildCannotWrapOnbuildFromOrMaintainer() {
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a\nONBUILD ONBUILD RUN x\n"))
                .hasMessage("Dockerfile:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a\nONBUILD from b\n"))
                .hasMessage("Dockerfile:2: FROM isn't allowed as an ONBUILD trigger");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a\nONBUILD MAINTAINER me\n"))
                .hasMessage("Dockerfile:2: MAINTAINER isn't allowed as an ONBUILD trigger");
    }

    @Test
    void validatorRejectsWhatCannotBeBuilt() throws DockerfileParseException {
        String unknown = "FROM a\nFOO bar\n";
        assertThat(DockerfileParser.parse(unknown).dump()).isEqualTo("(from \"a\")\n(foo \"\")\n");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate(unknown))
                .hasMessage("Dockerfile:2: unknown instruction: FOO (did you mean FROM?)");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a\nCOPY onlyone\n"))
                .hasMessageStartingWith("Dockerfile:2: COPY requires at least two arguments");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a\nHEALTHCHECK CONNECT TCP 1\n"))
                .hasMessage("Dockerfile:2: Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a\nSHELL bash -c\n"))
                .hasMessage("Dockerfile:2: SHELL requires the arguments to be in JSON form");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a b\n"))
                .hasMessage("Dockerfile:1: FROM requires either one or three arguments");
        assertThatThrownBy(() -> DockerfileParser.parseAndValidate("FROM a\nONBUILD WORKDIR\n"))
                .hasMessage("Dockerfile:2: WORKDIR requires exactly one argument");
    }

    @Test
    void validatorAcceptsOrdinaryDockerfiles() throws DockerfileParseException {
        String dockerfile = """
                # syntax=docker/dockerfile:1
                ARG BASE=alpine
                FROM ${BASE} AS build
                ENV A=1
                LABEL org.example=yes
                COPY --chown=1:1 src/ /app/
                RUN --mount=type=cache,target=/root/.cache make
                HEALTHCHECK NONE
                HEALTHCHECK --interval=5s CMD ["check"]
                ONBUILD RUN echo
                USER nobody
                WORKDIR /app
                EXPOSE 80 443
                VOLUME ["/data"]
                STOPSIGNAL SIGTERM
                SHELL ["/bin/sh", "-c"]
                ENTRYPOINT ["/app/run"]
                CMD []
                """;

        assertThat(DockerfileParser.parseAndValidate(dockerfile).instructions()).hasSize(17);
    }

    @Test
    void deeplyNestedJsonIsCheckedWithoutRecursion() throws Exception {
        String nested = "CMD [" + "[".repeat(9_000) + "{\"k\": [1, true, null, \"s\"]}" + "]".repeat(9_000) + "]\n";
        assertThatThrownBy(() -> DockerfileParser.parse(nested)).isInstanceOf(DockerfileParseException.class)
                .hasMessageContaining("arrays must be comprised of strings only");
        // Deeper than Go's decoder allows: not JSON at all, so the shell form.
        String tooDeep = "CMD " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        assertThat(DockerfileParser.parse(tooDeep).instructions().getFirst().json()).isFalse();
    }
}
