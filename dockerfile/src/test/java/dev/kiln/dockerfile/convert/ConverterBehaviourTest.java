package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.llb.dump.DefinitionReader;
import dev.kiln.llb.dump.JsonDump;
import dev.kiln.llb.DeterministicProto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversion behaviour beyond the goldens: errors with lines, build args, mounts, heredocs. */
class ConverterBehaviourTest {

    private static Conversion convert(String dockerfile, ConvertOptions.Builder options) throws ConversionException {
        return DockerfileConverter.convert(dockerfile.getBytes(StandardCharsets.UTF_8), options.build());
    }

    private static ConvertOptions.Builder options() {
        return ConvertOptions.builder(new FakeImageResolver()).llbCaps(GoldenCase.ALL_CAPS);
    }

    private static String dump(Conversion c) throws Exception {
        return JsonDump.render(DefinitionReader.read(DeterministicProto.bytes(c.definition("test"))));
    }

    @Test
    void unknownFlagNamesFlagAndLine() {
        assertThatThrownBy(() -> convert("FROM scratch\nCOPY --foo=1 a /b\n", options()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e).hasMessage("dockerfile parse error on line 2: unknown flag: foo (did you mean from?)");
                    assertThat(e.startLine()).isEqualTo(2);
                });
    }

    @Test
    void parseErrorsKeepTheirLine() {
        assertThatThrownBy(() -> convert("FROM scratch\n\nBOGUS x\n", options()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.getMessage()).contains("unknown instruction: BOGUS");
                    assertThat(e.describe("Dockerfile")).startsWith("Dockerfile:3: ");
                });
    }

    @Test
    void badMountIsReportedAtTheRun() {
        assertThatThrownBy(() -> convert("FROM scratch\nRUN --mount=type=nfs,target=/x true\n", options()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.getMessage()).contains("unsupported mount type \"nfs\"");
                    assertThat(e.startLine()).isEqualTo(2);
                });
    }

    @Test
    void unresolvableImageIsReportedAtTheFrom() {
        assertThatThrownBy(() -> convert("FROM scratch\nFROM nosuch/image:1\nRUN true\n", options()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.getMessage()).startsWith("nosuch/image:1: pull access denied");
                    assertThat(e.startLine()).isEqualTo(2);
                });
    }

    @Test
    void missingTargetIsAnError() {
        assertThatThrownBy(() -> convert("FROM scratch AS a\n", options().target("b")))
                .hasMessage("target stage \"b\" could not be found (did you mean a?)");
    }

    @Test
    void buildArgsOverrideDefaultsAndUnusedOnesWarn() throws Exception {
        Conversion c = convert("FROM localhost:5000/busybox\nARG X=1\nRUN echo $X\n",
                options().buildArg("X", "2").buildArg("UNUSED", "u"));
        assertThat(dump(c)).contains("\"env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"X=2\"]");
        assertThat(new String(c.imageConfig(), StandardCharsets.UTF_8)).contains("RUN |1 X=2 /bin/sh -c echo $X # buildkit");
        assertThat(c.warnings()).containsExactly("[Warning] One or more build-args [UNUSED] were not consumed");
    }

    @Test
    void unreachableStagesAreNotResolved() throws Exception {
        FakeImageResolver resolver = new FakeImageResolver();
        Conversion c = DockerfileConverter.convert(
                "FROM nosuch/image AS unused\nFROM localhost:5000/busybox\nRUN true\n".getBytes(StandardCharsets.UTF_8),
                ConvertOptions.builder(resolver).llbCaps(GoldenCase.ALL_CAPS).build());
        assertThat(resolver.requests).containsExactly("localhost:5000/busybox:latest");
        assertThat(dump(c)).doesNotContain("nosuch");
    }

    @Test
    void stagesFromOneImageLookItUpOnceAndAllArePinnedToIt() throws Exception {
        FakeImageResolver resolver = new FakeImageResolver();
        Conversion c = DockerfileConverter.convert(("FROM localhost:5000/busybox AS a\nRUN echo a > /a\n"
                + "FROM localhost:5000/busybox AS b\nRUN echo b > /b\n"
                + "FROM localhost:5000/busybox:latest\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n").getBytes(StandardCharsets.UTF_8),
                ConvertOptions.builder(resolver).llbCaps(GoldenCase.ALL_CAPS).build());
        assertThat(resolver.requests).containsExactly("localhost:5000/busybox:latest");
        List<String> sources = java.util.regex.Pattern.compile("\"identifier\":\"docker-image://([^\"]*)\"")
                .matcher(dump(c)).results().map(m -> m.group(1)).toList();
        // a and b start from the same op; the last stage names the tag
        assertThat(sources).containsExactlyInAnyOrder("localhost:5000/busybox@" + FakeImageResolver.BUSYBOX,
                "localhost:5000/busybox:latest@" + FakeImageResolver.BUSYBOX);
    }

    @Test
    void imagesAreLookedUpTogetherAndAFailureNamesTheFirstStageThatUsesIt() {
        FakeImageResolver resolver = new FakeImageResolver();
        assertThatThrownBy(() -> DockerfileConverter.convert(("FROM localhost:5000/busybox AS ok\nRUN true\n"
                + "FROM nosuch/image AS bad\nRUN true\nFROM nosuch/image AS bad2\nRUN true\n"
                + "FROM localhost:5000/busybox\nCOPY --from=bad /x /x\nCOPY --from=bad2 /x /y\n").getBytes(StandardCharsets.UTF_8),
                ConvertOptions.builder(resolver).llbCaps(GoldenCase.ALL_CAPS).build()))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("nosuch/image")
                .satisfies(e -> assertThat(((ConversionException) e).startLine()).isEqualTo(3));
        assertThat(resolver.requests).containsExactlyInAnyOrder("localhost:5000/busybox:latest", "docker.io/nosuch/image:latest");
    }

    @Test
    void shebangHeredocRunsAsMountedScript() throws Exception {
        Conversion c = convert("FROM localhost:5000/busybox\nRUN <<EOF\n#!/bin/sh\necho hi\nEOF\n", options());
        String dump = dump(c);
        assertThat(dump).contains("\"args\":[\"/bin/sh\",\"-c\",\"/dev/pipes/EOF\"]").contains("\"dest\":\"/dev/pipes/\"")
                .contains("[internal] preparing inline document");
    }

    @Test
    void cacheMountWithOwnerStartsFromPreparedDir() throws Exception {
        Conversion c = convert("FROM localhost:5000/busybox\nRUN --mount=type=cache,target=/c,uid=1000 true\n",
                options());
        assertThat(dump(c)).contains("\"path\":\"/cache\"").contains("\"byID\":1000")
                .contains("\"selector\":\"/cache\"");
    }

    @Test
    void addGitAndChecksum() throws Exception {
        Conversion c = convert("FROM scratch\nADD --keep-git-dir https://github.com/moby/buildkit.git#v0.11.6 /src\n"
                + "ADD --checksum=sha256:" + "a".repeat(64) + " https://example.com/x.tgz /x\n", options());
        assertThat(dump(c)).contains("git://github.com/moby/buildkit.git#v0.11.6").contains("\"git.keepgitdir\":\"true\"")
                .contains("\"http.checksum\":\"sha256:" + "a".repeat(64) + "\"");
    }

    @Test
    void addGitChecksumBecomesTheGitChecksumAttrAsGiven() throws Exception {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        Conversion c = convert("FROM scratch\nADD --checksum=" + sha + " https://github.com/moby/buildkit.git#v0.11.6 /src\n"
                + "ADD --checksum=0123abc git@github.com:moby/buildkit.git /ssh\n", options());
        assertThat(dump(c)).contains("\"git.checksum\":\"" + sha + "\"").contains("\"git.checksum\":\"0123abc\"")
                .contains("source.git.checksum").doesNotContain("http.checksum")
                .contains("\"git.mountsshsock\":\"default\"");
    }

    @Test
    void labelsFromOptionsAndExplicitPlatform() throws Exception {
        Conversion c = convert("FROM scratch\nCOPY a /a\n", options().label("org.x", "1")
                .targetPlatform(dev.kiln.llb.Platform.of("linux", "arm64")));
        String cfg = new String(c.imageConfig(), StandardCharsets.UTF_8);
        assertThat(cfg).startsWith("{\"architecture\":\"arm64\",\"os\":\"linux\"").contains("\"Labels\":{\"org.x\":\"1\"}");
        assertThat(dump(c)).contains("\"Architecture\":\"arm64\"");
    }

    @Test
    void copyFromStageIndexAndSecurity() throws Exception {
        Conversion c = convert("FROM localhost:5000/busybox\nRUN --security=insecure --network=none touch /a\n"
                + "FROM scratch\nCOPY --from=0 /a /a\n", options());
        assertThat(dump(c)).contains("\"security\":1").contains("\"network\":2").contains("\"src\":\"/a\"");
        assertThat(List.of(c.warnings())).hasSize(1);
    }
}
