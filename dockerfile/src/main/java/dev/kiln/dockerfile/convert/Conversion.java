package dev.kiln.dockerfile.convert;

import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of converting a Dockerfile: one {@link PlatformConversion} per target platform, in
 * the order requested. The single-platform accessors ({@link #state()}, {@link #imageConfig()},
 * {@link #platform()}, {@link #definition(String)}) answer for the first.
 *
 * @param platforms     the per-platform results, at least one
 * @param llbCaps       engine caps to marshal with, or null when unknown
 * @param warnings      non-fatal findings, e.g. unused build args
 * @param multiPlatform whether the result should be exported as an index (several platforms or
 *                      a multi-platform request)
 */
public record Conversion(List<PlatformConversion> platforms, Set<String> llbCaps, List<String> warnings,
        boolean multiPlatform) {

    public Conversion {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("a conversion has at least one platform");
        }
        platforms = List.copyOf(platforms);
        llbCaps = llbCaps == null ? null : Set.copyOf(llbCaps);
        warnings = List.copyOf(warnings);
    }

    /** The results by platform id ({@code linux/arm64}), in request order. */
    public Map<String, PlatformConversion> byPlatform() {
        Map<String, PlatformConversion> out = new LinkedHashMap<>();
        platforms.forEach(p -> out.putIfAbsent(p.platform().toString(), p));
        return out;
    }

    private PlatformConversion first() {
        return platforms.getFirst();
    }

    public State state() {
        return first().state();
    }

    public byte[] imageConfig() {
        return first().imageConfig();
    }

    public Platform platform() {
        return first().platform();
    }

    /** Marshal settings for the first platform's result. */
    public MarshalOptions marshalOptions(String localUniqueId) {
        return first().marshalOptions(llbCaps, localUniqueId);
    }

    public Definition definition(String localUniqueId) {
        return first().definition(llbCaps, localUniqueId);
    }
}
