package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only ARGs of built stages and global args that a built FROM expands consume a build arg. */
class BuildArgWarningsTest {

    private static List<String> warnings(String dockerfile, String target, String... args) throws Exception {
        ConvertOptions.Builder b = ConvertOptions.builder(new FakeImageResolver()).target(target);
        for (String a : args) {
            b.buildArg(a, a.equals("P") ? "linux/amd64" : "scratch");
        }
        return DockerfileConverter.convert(dockerfile.getBytes(StandardCharsets.UTF_8), b.build()).warnings();
    }

    @Test
    void globalArgUsedInFromIsConsumed() throws Exception {
        assertThat(warnings("ARG BASE=scratch\nFROM ${BASE}\n", "", "BASE")).isEmpty();
        assertThat(warnings("ARG P=linux/amd64\nFROM --platform=$P scratch\n", "", "P")).isEmpty();
    }

    @Test
    void globalArgOnlyDeclaredIsNotConsumed() throws Exception {
        assertThat(warnings("ARG A\nFROM scratch\n", "", "A"))
                .containsExactly("[Warning] One or more build-args [A] were not consumed");
    }

    @Test
    void globalArgRedeclaredInABuiltStageIsConsumed() throws Exception {
        assertThat(warnings("ARG A\nFROM scratch\nARG A\n", "", "A")).isEmpty();
    }

    @Test
    void argsOfStagesNotBuiltDoNotCount() throws Exception {
        String df = "ARG BASE=scratch\nFROM $BASE AS other\nARG B\nFROM scratch AS final\nARG C\n";
        assertThat(warnings(df, "final", "BASE", "B", "C"))
                .containsExactly("[Warning] One or more build-args [B BASE] were not consumed");
        assertThat(warnings(df, "other", "BASE", "B", "C"))
                .containsExactly("[Warning] One or more build-args [C] were not consumed");
    }

    @Test
    void builtinArgsNeverWarn() throws Exception {
        assertThat(warnings("FROM scratch\n", "", "HTTP_PROXY", "BUILDKIT_INLINE_CACHE", "SOURCE_DATE_EPOCH")).isEmpty();
    }
}
