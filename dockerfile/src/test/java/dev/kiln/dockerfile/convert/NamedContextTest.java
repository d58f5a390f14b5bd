package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.llb.DeterministicProto;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Platform;
import dev.kiln.llb.dump.DefinitionReader;
import dev.kiln.llb.dump.JsonDump;
import dev.kiln.llb.frontend.FrontendException;
import dev.kiln.llb.frontend.FrontendResult;
import dev.kiln.llb.frontend.ResolvedImage;
import dev.kiln.llb.frontend.StaticFrontendContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code context:NAME} options replace images, COPY sources and whole stages (BuildKit's named contexts). */
class NamedContextTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** Busybox for the registry, and for OCI stores too. */
    private static final class Resolver extends FakeImageResolver {
        @Override
        public ResolvedImage resolveOciLayout(String ref, String sessionId, String storeId, Platform platform)
                throws IOException {
            requests.add("oci:" + storeId + ":" + ref);
            return resolve("localhost:5000/busybox:latest", platform, ResolveMode.DEFAULT);
        }
    }

    private static String build(String dockerfile, Map<String, String> options) throws Exception {
        return build(dockerfile, options, Map.of());
    }

    private static String build(String dockerfile, Map<String, String> options, Map<String, String> files)
            throws Exception {
        FrontendResult r = new DockerfileFrontend().build(context(dockerfile, options, files));
        return JsonDump.render(DefinitionReader.read(DeterministicProto.bytes(r.definition())));
    }

    private static StaticFrontendContext context(String dockerfile, Map<String, String> options,
            Map<String, String> extraFiles) {
        Map<String, byte[]> files = new HashMap<>();
        files.put("dockerfile/Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
        extraFiles.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new StaticFrontendContext(options, files, new Resolver(), GoldenCase.ALL_CAPS, "sess1");
    }

    @Test
    void dockerImageReplacesFromImage() throws Exception {
        String llb = build("FROM alpine\nRUN true\n", Map.of("context:alpine", "docker-image://localhost:5000/busybox"));
        assertThat(llb).contains("docker-image://localhost:5000/busybox:latest")
                .contains("[context alpine] localhost:5000/busybox").doesNotContain("library/alpine");
    }

    @Test
    void dockerImageContextInheritsItsConfig() throws Exception {
        FrontendResult r = new DockerfileFrontend().build(context("FROM alpine:3.18\n",
                Map.of("context:alpine:3.18", "docker-image://localhost:5000/busybox"), Map.of()));
        assertThat(new String(r.imageConfig(), StandardCharsets.UTF_8)).contains("\"Cmd\":[\"/bin/sh\"]").contains("io.buildah.version");
    }

    @Test
    void localContextReplacesCopyFromWithItsDockerignore() throws Exception {
        String llb = build("FROM scratch\nCOPY --from=src /a /a\n", Map.of("context:src", "local:srcdir"),
                Map.of("srcdir/.dockerignore", "*.tmp\n"));
        assertThat(llb).contains("local://srcdir").contains("[context src] load from client")
                .contains("\"local.sharedkeyhint\":\"context:src\"")
                .contains("\"local.excludepatterns\":\"[\\\"*.tmp\\\"]\"").contains("\"local.session\":\"sess1\"");
    }

    @Test
    void contextReplacesANamedStageWhichIsNotBuilt() throws Exception {
        String llb = build("FROM localhost:5000/busybox AS deps\nRUN exit 1\nFROM scratch\nCOPY --from=deps /x /x\n",
                Map.of("context:deps", "docker-image://localhost:5000/busybox"));
        assertThat(llb).doesNotContain("exit 1").contains("[context deps] localhost:5000/busybox");
    }

    @Test
    void platformSpecificKeyWins() throws Exception {
        String llb = build("FROM scratch\nCOPY --from=src / /\n", Map.of("platform", "linux/arm64",
                "context:src", "local:generic", "context:src::linux/arm64", "local:forarm"));
        assertThat(llb).contains("local://forarm").doesNotContain("local://generic")
                .contains("[context src::linux/arm64] load from client");
    }

    @Test
    void gitAndHttpContexts() throws Exception {
        String git = build("FROM scratch\nCOPY --from=repo / /\n",
                Map.of("context:repo", "https://github.com/moby/buildkit.git#v0.11.6:docs"));
        assertThat(git).contains("git://github.com/moby/buildkit.git#v0.11.6:docs").contains("\"git.keepgitdir\":\"true\"")
                .contains("[internal] load git source https://github.com/moby/buildkit.git#v0.11.6:docs");
        String http = build("FROM scratch\nCOPY --from=file / /\n",
                Map.of("context:file", "https://example.com/ctx.tar"));
        assertThat(http).contains("\"identifier\":\"https://example.com/ctx.tar\"")
                .contains("[context file] https://example.com/ctx.tar");
    }

    @Test
    void ociLayoutContextIsPinnedToItsDigest() throws Exception {
        String llb = build("FROM base\n", Map.of("context:base", "oci-layout://mystore@" + DIGEST));
        assertThat(llb).contains("oci-layout://docker.io/library/base@" + DIGEST)
                .contains("\"oci.store\":\"mystore\"").contains("\"oci.session\":\"sess1\"")
                .contains("[context base] OCI load from client");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> build("FROM scratch\n", Map.of("context:x", "nocolon")))
                .isInstanceOf(FrontendException.class).hasMessage("context:x: invalid context specifier nocolon for x");
        assertThatThrownBy(() -> build("FROM scratch\n", Map.of("context:x", "target:build")))
                .hasMessage("context:x: unsupported context source target for x");
        assertThatThrownBy(() -> build("FROM scratch\n", Map.of("context:x", "oci-layout://store")))
                .hasMessageContaining("has no digest");
    }

    @Test
    void familiarNames() {
        assertThat(NamedContexts.familiar("docker.io/library/alpine:latest")).isEqualTo("alpine");
        assertThat(NamedContexts.familiar("alpine:3.18")).isEqualTo("alpine:3.18");
        assertThat(NamedContexts.familiar("localhost:5000/busybox")).isEqualTo("localhost:5000/busybox");
        assertThat(NamedContexts.familiar("docker.io/me/app")).isEqualTo("me/app");
    }
}
