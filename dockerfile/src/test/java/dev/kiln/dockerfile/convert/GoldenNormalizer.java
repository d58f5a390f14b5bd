package dev.kiln.dockerfile.convert;

import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.OpMetadata;
import dev.kiln.proto.pb.ProgressGroup;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The normalisations of the golden README §4: random progress-group ids renamed
 * {@code golden-progress-group-N} by first use in Def order, and the two accepted descriptions of
 * an image op that is both a FROM and a {@code --from} source.
 */
final class GoldenNormalizer {

    private GoldenNormalizer() {}

    static Definition normalize(Definition def) {
        Map<String, String> ids = new HashMap<>();
        Map<String, OpMetadata> metadata = new TreeMap<>();
        for (var entry : def.getDefList()) {
            String digest = dev.kiln.llb.Digest.of(entry.toByteArray()).value();
            OpMetadata md = def.getMetadataMap().get(digest);
            if (md != null && md.hasProgressGroup()) {
                ProgressGroup pg = md.getProgressGroup();
                String id = ids.computeIfAbsent(pg.getId(), k -> "golden-progress-group-" + (ids.size() + 1));
                md = md.toBuilder().setProgressGroup(pg.toBuilder().setId(id)).build();
            }
            if (md != null) {
                metadata.put(digest, md);
            }
        }
        return def.toBuilder().clearMetadata().putAllMetadata(metadata).build();
    }

    /**
     * Where our description of an op differs from the golden's only by being the other accepted
     * variant (a {@code FROM} step name vs. the plain pinned name), takes the golden's.
     */
    static Definition acceptVariants(Definition ours, Definition golden) {
        Map<String, OpMetadata> metadata = new TreeMap<>(ours.getMetadataMap());
        golden.getMetadataMap().forEach((digest, expected) -> {
            OpMetadata actual = metadata.get(digest);
            if (actual != null && !actual.equals(expected) && isFromVariant(actual, expected)) {
                metadata.put(digest, expected);
            }
        });
        return ours.toBuilder().clearMetadata().putAllMetadata(metadata).build();
    }

    /** Digests whose description is the other accepted variant of the golden's. */
    static java.util.Set<String> variantDigests(Definition ours, Definition golden) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        golden.getMetadataMap().forEach((digest, expected) -> {
            OpMetadata actual = ours.getMetadataMap().get(digest);
            if (actual != null && !actual.equals(expected) && isFromVariant(actual, expected)) {
                out.add(digest);
            }
        });
        return out;
    }

    private static boolean isFromVariant(OpMetadata actual, OpMetadata expected) {
        String a = actual.getDescriptionMap().getOrDefault("llb.customname", "");
        String e = expected.getDescriptionMap().getOrDefault("llb.customname", "");
        boolean sameRest = actual.toBuilder().clearDescription().build()
                .equals(expected.toBuilder().clearDescription().build());
        return sameRest && e.startsWith("FROM ") && a.endsWith("] " + e)
                && expected.getDescriptionMap().get("com.docker.dockerfile.v1.command").isEmpty()
                && actual.getDescriptionMap().get("com.docker.dockerfile.v1.command").startsWith("FROM ");
    }
}
