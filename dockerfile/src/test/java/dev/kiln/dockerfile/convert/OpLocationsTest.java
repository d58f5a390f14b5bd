package dev.kiln.dockerfile.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.llb.DeterministicProto;
import dev.kiln.llb.Digest;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Platform;
import dev.kiln.llb.dump.DecodedOp;
import dev.kiln.llb.dump.DefinitionReader;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.llb.frontend.ResolvedImage;
import dev.kiln.llb.frontend.StaticFrontendContext;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Op;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every op an instruction makes records that instruction's lines in the Definition's source map,
 * as BuildKit's dockerfile2llb does, so whichever op fails the error can point into the Dockerfile.
 */
class OpLocationsTest {

    private static final String DOCKERFILE = """
            FROM localhost:5000/busybox AS base
            WORKDIR /app
            COPY --link a.txt /app/
            ADD https://example.com/files/data.tar /opt/
            ADD https://github.com/moby/buildkit.git#v0.11.6 /src
            RUN <<EOF
            #!/bin/sh
            echo hi
            EOF
            RUN --mount=type=cache,target=/cache,uid=1000 true
            COPY <<EOT /etc/motd
            hello
            EOT
            COPY --from=localhost:5000/alpine /bin/sh /sh
            FROM localhost:5000/onbuild
            COPY --from=base /app /app
            """;

    /** Any image is busybox; {@code onbuild} adds an ONBUILD trigger to its config. */
    private static final ImageMetaResolver IMAGES = new ImageMetaResolver() {
        @Override
        public ResolvedImage resolve(String ref, Platform platform, ResolveMode mode) {
            String config = new String(FakeImageResolver.busyboxConfig(), StandardCharsets.UTF_8);
            if (ref.contains("onbuild")) {
                config = config.replace("\"config\":{", "\"config\":{\"OnBuild\":[\"RUN echo triggered\"],");
            }
            Digest digest = Digest.of(ref.getBytes(StandardCharsets.UTF_8));
            return new ResolvedImage(ref, digest, config.getBytes(StandardCharsets.UTF_8));
        }
    };

    @Test
    void everyOpOfAnInstructionRecordsItsLines() throws Exception {
        Map<String, List<String>> lines = linesByOp(definition(DOCKERFILE));
        // The build context is shared by every instruction that reads it, so it has no line of its own.
        assertThat(lines.keySet().removeIf(op -> op.startsWith("source local://context"))).isTrue();
        assertThat(lines).allSatisfy((op, where) -> assertThat(where).as(op).isNotEmpty());

        assertThat(only(lines, op -> op.contains("mkdir /app"))).containsExactly("2-2");
        assertThat(only(lines, op -> op.startsWith("merge"))).containsExactly("3-3");
        assertThat(only(lines, op -> op.contains("copy /a.txt"))).containsExactly("3-3");
        assertThat(only(lines, op -> op.startsWith("source https://example.com"))).containsExactly("4-4");
        assertThat(only(lines, op -> op.startsWith("source git://github.com/moby/buildkit"))).containsExactly("5-5");
        assertThat(only(lines, op -> op.contains("mkfile /EOF"))).containsExactly("6-9");
        assertThat(only(lines, op -> op.contains("mkdir /cache"))).containsExactly("10-10");
        assertThat(only(lines, op -> op.contains("mkfile /EOT"))).containsExactly("11-13");
        assertThat(only(lines, op -> op.startsWith("source docker-image://localhost:5000/alpine"))).containsExactly("14-14");
        // ONBUILD triggers of a base image are located at the FROM that runs them, as in BuildKit.
        assertThat(only(lines, op -> op.contains("echo triggered"))).containsExactly("15-15");
    }

    @Test
    void theSourceMapAddsLocationsBesideTheOpsWithoutChangingThem() throws Exception {
        var plain = ConvertOptions.builder(IMAGES).llbCaps(GoldenCase.ALL_CAPS);
        var mapped = ConvertOptions.builder(IMAGES).llbCaps(GoldenCase.ALL_CAPS)
                .sourceMap(dev.kiln.llb.SourceMap.of("Dockerfile", DOCKERFILE));
        Definition without = convert(plain.build());
        Definition with = convert(mapped.build());
        assertThat(without.getSource().getInfosList()).isEmpty();
        assertThat(without.getSource().getLocationsMap().values()).allSatisfy(l -> assertThat(l.getLocationsList()).isEmpty());
        assertThat(with.getSource().getInfosList()).hasSize(1);
        assertThat(with.getDefList()).isEqualTo(without.getDefList());
    }

    private static Definition convert(ConvertOptions options) throws Exception {
        return DockerfileConverter.convert(DOCKERFILE.getBytes(StandardCharsets.UTF_8), options).definition("local-id");
    }

    private static List<String> only(Map<String, List<String>> lines, Predicate<String> op) {
        var matching = lines.entrySet().stream().filter(e -> op.test(e.getKey())).toList();
        assertThat(matching).as("ops matching in " + lines.keySet()).hasSize(1);
        return matching.getFirst().getValue();
    }

    private static Definition definition(String dockerfile) throws Exception {
        var ctx = new StaticFrontendContext(Map.of(), Map.of("dockerfile/Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8)),
                IMAGES, GoldenCase.ALL_CAPS, "sess1");
        return new DockerfileFrontend().build(ctx).definition();
    }

    /** Each op (by a short description) → its recorded line ranges, {@code start-end}. */
    private static Map<String, List<String>> linesByOp(Definition def) throws Exception {
        var decoded = DefinitionReader.read(DeterministicProto.bytes(def));
        Map<String, List<String>> out = new TreeMap<>();
        for (DecodedOp op : decoded.ops()) {
            if (op.op().getOpCase() == Op.OpCase.OP_NOT_SET) {
                continue; // the terminal entry
            }
            var locations = def.getSource().getLocationsMap().get(op.digest().toString());
            List<String> ranges = locations == null ? List.of() : locations.getLocationsList().stream()
                    .flatMap(l -> l.getRangesList().stream())
                    .map(r -> r.getStart().getLine() + "-" + r.getEnd().getLine()).toList();
            out.put(describe(op.op()) + " " + op.digest(), ranges);
        }
        return out;
    }

    private static String describe(Op op) {
        return switch (op.getOpCase()) {
            case SOURCE -> "source " + op.getSource().getIdentifier();
            case EXEC -> "exec " + String.join(" ", op.getExec().getMeta().getArgsList());
            case MERGE -> "merge";
            case FILE -> "file " + op.getFile().getActionsList().stream().map(a -> switch (a.getActionCase()) {
                case MKDIR -> "mkdir " + a.getMkdir().getPath();
                case MKFILE -> "mkfile " + a.getMkfile().getPath();
                case COPY -> "copy " + a.getCopy().getSrc();
                default -> a.getActionCase().name();
            }).toList();
            default -> op.getOpCase().name();
        };
    }
}
