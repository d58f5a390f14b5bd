package dev.kiln.dockerfile.convert;

import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.util.List;
import java.util.Set;

/**
 * The result of converting a Dockerfile for one platform.
 *
 * @param state       head of the target stage's graph
 * @param imageConfig the image config JSON, byte-compatible with BuildKit's
 * @param platform    the target platform (the marshal default for ops without one)
 * @param llbCaps     engine caps to marshal with, or null when unknown
 * @param warnings    non-fatal findings, e.g. unused build args
 */
public record Conversion(State state, byte[] imageConfig, Platform platform, Set<String> llbCaps,
        List<String> warnings) {

    public Conversion {
        imageConfig = imageConfig.clone();
        llbCaps = llbCaps == null ? null : Set.copyOf(llbCaps);
        warnings = List.copyOf(warnings);
    }

    @Override
    public byte[] imageConfig() {
        return imageConfig.clone();
    }

    /** Marshal settings for this result: its platform and caps, and the given local-source id. */
    public MarshalOptions marshalOptions(String localUniqueId) {
        return new MarshalOptions(platform, llbCaps, localUniqueId);
    }

    public Definition definition(String localUniqueId) {
        return state.marshal(marshalOptions(localUniqueId));
    }
}
