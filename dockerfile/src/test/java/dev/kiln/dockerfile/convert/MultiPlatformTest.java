package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.llb.DeterministicProto;
import dev.kiln.llb.dump.DefinitionReader;
import dev.kiln.llb.dump.JsonDump;
import dev.kiln.llb.frontend.FrontendException;
import dev.kiln.llb.frontend.FrontendResult;
import dev.kiln.llb.frontend.StaticFrontendContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code platform=a,b}: one graph and image config per platform, with that platform's build args. */
class MultiPlatformTest {

    private static final String DOCKERFILE = """
            FROM localhost:5000/busybox
            ARG TARGETARCH
            ARG TARGETPLATFORM
            RUN echo $TARGETARCH on $TARGETPLATFORM
            """;

    private static FrontendResult build(Map<String, String> options) throws FrontendException {
        var ctx = new StaticFrontendContext(options,
                Map.of("dockerfile/Dockerfile", DOCKERFILE.getBytes(StandardCharsets.UTF_8)), new FakeImageResolver(),
                GoldenCase.ALL_CAPS, null);
        return new DockerfileFrontend().build(ctx);
    }

    private static String dump(FrontendResult.PlatformResult r) throws Exception {
        return JsonDump.render(DefinitionReader.read(DeterministicProto.bytes(r.definition())));
    }

    @Test
    void oneResultPerPlatform() throws Exception {
        FrontendResult r = build(Map.of("platform", "linux/amd64,linux/arm64"));
        assertThat(r.multiPlatform()).isTrue();
        assertThat(r.byPlatform()).containsOnlyKeys("linux/amd64", "linux/arm64");
        String arm = dump(r.byPlatform().get("linux/arm64"));
        assertThat(arm).contains("TARGETARCH=arm64").contains("TARGETPLATFORM=linux/arm64")
                .contains("[linux/arm64 2/2] RUN echo arm64 on linux/arm64")
                .contains("\"Architecture\":\"arm64\"").doesNotContain("amd64");
        String amd = dump(r.byPlatform().get("linux/amd64"));
        assertThat(amd).contains("TARGETARCH=amd64").contains("[linux/amd64 2/2] RUN");
        assertThat(new String(r.byPlatform().get("linux/arm64").imageConfig(), StandardCharsets.UTF_8))
                .contains("\"architecture\":\"arm64\"").contains("RUN |2 TARGETARCH=arm64 TARGETPLATFORM=linux/arm64");
        // The single-platform accessors answer for the first requested platform.
        assertThat(r.platform().toString()).isEqualTo("linux/amd64");
    }

    @Test
    void singlePlatformKeepsPlainStepNames() throws Exception {
        FrontendResult r = build(Map.of("platform", "linux/arm64"));
        assertThat(r.multiPlatform()).isFalse();
        assertThat(r.platforms()).hasSize(1);
        assertThat(dump(r.platforms().getFirst())).contains("\"llb.customname\":\"[2/2] RUN echo");
    }

    @Test
    void multiPlatformOptionForcesPlatformPrefixes() throws Exception {
        FrontendResult r = build(Map.of("platform", "linux/arm64", "build-arg:BUILDKIT_MULTI_PLATFORM", "1"));
        assertThat(r.multiPlatform()).isTrue();
        assertThat(dump(r.platforms().getFirst())).contains("[linux/arm64 2/2] RUN");
    }

    @Test
    void severalPlatformsCannotBeForcedIntoOne() {
        assertThatThrownBy(() -> build(Map.of("platform", "linux/amd64,linux/arm64", "multi-platform", "false")))
                .hasMessage("multi-platform: returning multiple target platforms is not allowed");
        assertThatThrownBy(() -> build(Map.of("platform", "linux/amd64,bad")))
                .hasMessageStartingWith("platform: invalid platform 'bad'");
    }

    @Test
    void converterApiReturnsPerPlatformResults() throws Exception {
        Conversion c = DockerfileConverter.convert(DOCKERFILE.getBytes(StandardCharsets.UTF_8),
                ConvertOptions.builder(new FakeImageResolver()).targetPlatforms(java.util.List.of(
                        dev.kiln.llb.Platform.LINUX_AMD64, dev.kiln.llb.Platform.parse("linux/arm/v7"))).build());
        assertThat(c.byPlatform()).containsOnlyKeys("linux/amd64", "linux/arm/v7");
        assertThat(new String(c.byPlatform().get("linux/arm/v7").imageConfig(), StandardCharsets.UTF_8))
                .contains("\"variant\":\"v7\"");
    }
}
