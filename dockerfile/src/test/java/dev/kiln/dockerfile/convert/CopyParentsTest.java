package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.llb.DeterministicProto;
import dev.kiln.llb.dump.DefinitionReader;
import dev.kiln.llb.dump.JsonDump;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code COPY --parents} keeps the sources' directories (current BuildKit semantics), with {@code /./} pivots. */
class CopyParentsTest {

    private static String dump(String dockerfile) throws Exception {
        Conversion c = DockerfileConverter.convert(dockerfile.getBytes(StandardCharsets.UTF_8),
                ConvertOptions.builder(new FakeImageResolver()).llbCaps(GoldenCase.ALL_CAPS).build());
        return JsonDump.render(DefinitionReader.read(DeterministicProto.bytes(c.definition("test"))));
    }

    @Test
    void copiesFromTheRootWithThePathAsIncludePattern() throws Exception {
        assertThat(dump("FROM scratch\nCOPY --parents a/b/*.go ./c/d.txt /out/\n"))
                .contains("\"src\":\"/\",\"dest\":\"/out/\"")
                .contains("\"include_patterns\":[\"a/b/*.go\"]").contains("\"include_patterns\":[\"c/d.txt\"]")
                .contains("\"local.followpaths\":\"[\\\"a/b/*.go\\\",\\\"c/d.txt\\\"]\"");
    }

    @Test
    void pivotDropsTheDirectoriesBeforeIt() throws Exception {
        assertThat(dump("FROM scratch\nCOPY --parents ./src/./app/*.go /out/\n"))
                .contains("\"src\":\"/src\",\"dest\":\"/out/\"").contains("\"include_patterns\":[\"app/*.go\"]");
    }

    @Test
    void parentsCombineWithExcludeAndFrom() throws Exception {
        assertThat(dump("FROM scratch AS b\nFROM scratch\nCOPY --from=b --parents --exclude=*.md /x/./y /out\n"))
                .contains("\"src\":\"/x\",\"dest\":\"/out\"").contains("\"include_patterns\":[\"y\"]")
                .contains("\"exclude_patterns\":[\"*.md\"]");
    }

    @Test
    void parentSourcesSplit() {
        assertThat(ParentsSource.of("a/b")).isEqualTo(new ParentsSource("/", "a/b"));
        assertThat(ParentsSource.of("./a/./b/c")).isEqualTo(new ParentsSource("/a", "b/c"));
        assertThat(ParentsSource.of("/./x")).isEqualTo(new ParentsSource("/", "x"));
        assertThat(ParentsSource.of("a/../../b")).isEqualTo(new ParentsSource("/", "b"));
    }
}
