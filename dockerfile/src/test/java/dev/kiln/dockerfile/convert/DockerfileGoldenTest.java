package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.image.ImageJson;
import dev.kiln.llb.DeterministicProto;
import dev.kiln.llb.dump.DecodedDefinition;
import dev.kiln.llb.dump.DecodedOp;
import dev.kiln.llb.dump.DefinitionReader;
import dev.kiln.llb.dump.JsonDump;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.OpMetadata;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Dockerfile golden converts to BuildKit v0.11.6's LLB: the same ops (so the same digests
 * and graph), the same per-op metadata, the same Definition bytes, and the same image config.
 */
class DockerfileGoldenTest {

    static Stream<GoldenCase> cases() {
        return GoldenCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameOpsAndDigests(GoldenCase c) throws Exception {
        DecodedDefinition golden = golden(c);
        DecodedDefinition ours = DefinitionReader.read(DeterministicProto.bytes(c.definition()));
        // On a mismatch, the dump-llb renderings make the differing op readable.
        assertThat(opBytes(ours)).as("ops of %s; ours:%n%s%ngolden:%n%s", c, JsonDump.render(ours),
                JsonDump.render(golden)).isEqualTo(opBytes(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameMetadata(GoldenCase c) throws Exception {
        Definition ours = GoldenNormalizer.normalize(c.definition());
        Definition golden = golden(c).definition();
        Map<String, OpMetadata> expected = new TreeMap<>(golden.getMetadataMap());
        Map<String, OpMetadata> actual = new TreeMap<>(GoldenNormalizer.acceptVariants(ours, golden).getMetadataMap());
        assertThat(actual).isEqualTo(expected);
    }

    /** README §4: only df06 and df08 may carry the FROM-stage description on the shared image op. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void descriptionVariantsOnlyWhereDocumented(GoldenCase c) throws Exception {
        var variants = GoldenNormalizer.variantDigests(GoldenNormalizer.normalize(c.definition()), golden(c).definition());
        if (!c.name().startsWith("df06") && !c.name().startsWith("df08")) {
            assertThat(variants).isEmpty();
        } else {
            assertThat(variants).hasSizeLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameDefinitionBytes(GoldenCase c) throws Exception {
        Definition golden = golden(c).definition();
        Definition ours = GoldenNormalizer.acceptVariants(GoldenNormalizer.normalize(c.definition()), golden);
        assertThat(DeterministicProto.bytes(ours)).isEqualTo(c.bytes("def.normalized.bin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameImageConfig(GoldenCase c) throws Exception {
        byte[] expected = c.bytes("image-config.json");
        byte[] actual = c.convert().imageConfig();
        assertThat(ImageJson.tree(actual)).isEqualTo(ImageJson.tree(expected));
        assertThat(new String(actual, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8).stripTrailing());
    }

    private static DecodedDefinition golden(GoldenCase c) throws Exception {
        return DefinitionReader.read(c.bytes("def.normalized.bin"));
    }

    private static Map<String, String> opBytes(DecodedDefinition d) {
        Map<String, String> out = new TreeMap<>();
        for (DecodedOp op : d.ops()) {
            out.put(op.digest().value(), java.util.HexFormat.of().formatHex(op.bytes().toByteArray()));
        }
        return out;
    }
}
