package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Common mistakes in a Dockerfile get BuildKit's message (dockerfile.v0, as {@code docker buildx
 * build} prints it after "failed to solve: ") and the lines of the instruction at fault, which the
 * client shows as the {@code Dockerfile:N} excerpt.
 */
class ErrorMessagesTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("FROM scratch\nRUNN echo\n", 2,
                        "dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)"),
                mistake("FROM scratch\n\ncpoy a /b\n", 3,
                        "dockerfile parse error on line 3: unknown instruction: cpoy (did you mean copy?)"),
                mistake("FROM scratch\nBOGUS x\n", 2, "dockerfile parse error on line 2: unknown instruction: BOGUS"),
                mistake("FROM scratch\nCOPY --chonw=1 a /b\n", 2,
                        "dockerfile parse error on line 2: unknown flag: chonw (did you mean chown?)"),
                mistake("FROM scratch\nRUN --mount=type=cahce,target=/x true\n", 2,
                        "dockerfile parse error on line 2: unsupported mount type \"cahce\" (did you mean cache?)"),
                mistake("FROM --platfrom=linux/amd64 scratch\n", 1,
                        "dockerfile parse error on line 1: unknown flag: platfrom (did you mean platform?)"),
                mistake("FROM scratch\nENV =x\n", 2, "dockerfile parse error on line 2: ENV names can not be blank"),
                mistake("FROM scratch\nLABEL\n", 2, "dockerfile parse error on line 2: LABEL requires at least one argument"),
                mistake("FROM scratch\nCOPY --chown a /b\n", 2,
                        "dockerfile parse error on line 2: missing a value on flag: chown"),
                mistake("FROM scratch\nWORKDIR\n", 2, "dockerfile parse error on line 2: WORKDIR requires exactly one argument"),
                mistake("FROM scratch\nCOPY \\\n  onlyone\n", 2, "dockerfile parse error on line 2: COPY requires at least "
                        + "two arguments, but only one was provided. Destination could not be determined."),
                mistake("FROM\n", 1, "dockerfile parse error on line 1: FROM requires either one or three arguments"),
                mistake("FROM scratch AS 1st\n", 1, "dockerfile parse error on line 1: invalid name for build stage: "
                        + "\"1st\", name can't start with a number or contain symbols"),
                mistake("FROM scratch\nARG =x\n", 2, "dockerfile parse error on line 2: ARG names can not be blank"),
                mistake("FROM scratch\nONBUILD ONBUILD RUN x\n", 2,
                        "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                mistake("FROM scratch\nSHELL /bin/bash -c\n", 2,
                        "dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form"),
                // The first bad instruction is reported, whatever kind of mistake comes later.
                mistake("FROM scratch\nCOPY --bad a /b\nRUNN x\n", 2, "dockerfile parse error on line 2: unknown flag: bad"),
                // BuildKit locates these but does not call them parse errors.
                mistake("# a comment\nRUN echo hi\nFROM scratch\n", 2, "no build stage in current context"),
                mistake("FROM scratch\nENV PATH\n", 2, "ENV must have two arguments"),
                // Mount options other than the type are read when the RUN is converted, as in BuildKit.
                mistake("FROM scratch\nRUN --mount=type=cache,traget=/x true\n", 2,
                        "unexpected key 'traget' in 'traget=/x' (did you mean target?)"),
                mistake("FROM scratch\nRUN <<EOF\necho hi\n", 2, "unterminated heredoc"),
                mistake("FROM scratch\nCOPY --from=1 a /b\n", 2, "invalid stage index 1"),
                mistake("ARG B=builder\nFROM scratch\nCOPY --from=${B} /a /b\n", 3, "variable expansion is not supported "
                        + "for --from, define a new stage with FROM using ARG from global scope as a workaround"),
                mistake("FROM scratch\nSTOPSIGNAL SIGFOO\n", 2, "Invalid signal: SIGFOO"),
                mistake("FROM scratch AS first\nCOPY --from=later /a /b\nFROM scratch AS later\nFROM first\n", 2,
                        "cannot copy from stage \"later\", it needs to be defined before current stage \"first\""),
                // A mistyped stage name is taken for an image, which cannot be found.
                mistake("FROM scratch AS builder\nFROM scratch\nCOPY --from=buildr /a /b\n", 3, "buildr: pull access "
                        + "denied, repository does not exist: docker.io/library/buildr:latest (did you mean builder?)"),
                mistake("FROM alpin\n", 1, "alpin: pull access denied, repository does not exist: "
                        + "docker.io/library/alpin:latest (did you mean alpine?)"));
    }

    @Test
    void anUnknownTargetSuggestsAStage() {
        var options = ConvertOptions.builder(new FakeImageResolver()).target("buidler").build();
        ConversionException e = catchThrowableOfType(ConversionException.class, () -> DockerfileConverter.convert(
                "FROM scratch AS builder\nFROM scratch\n".getBytes(StandardCharsets.UTF_8), options));
        assertThat(e).hasMessage("target stage \"buidler\" could not be found (did you mean builder?)");
        assertThat(e.hasLocation()).isFalse();
    }

    private static Arguments mistake(String dockerfile, int line, String message) {
        return Arguments.of(dockerfile, line, message);
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void readsLikeBuildKitAndPointsAtTheLine(String dockerfile, int line, String message) {
        var options = ConvertOptions.builder(new FakeImageResolver()).llbCaps(GoldenCase.ALL_CAPS).build();
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> DockerfileConverter.convert(dockerfile.getBytes(StandardCharsets.UTF_8), options));
        assertThat(e).as(dockerfile).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.startLine()).isEqualTo(line);
    }
}
