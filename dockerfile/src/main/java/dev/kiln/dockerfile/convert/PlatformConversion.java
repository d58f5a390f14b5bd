package dev.kiln.dockerfile.convert;

import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.util.Set;

/**
 * The result of a conversion for one target platform.
 *
 * @param state       head of the target stage's graph
 * @param imageConfig the image config JSON, byte-compatible with BuildKit's
 * @param platform    the target platform (the marshal default for ops without one)
 */
public record PlatformConversion(State state, byte[] imageConfig, Platform platform) {

    public PlatformConversion {
        imageConfig = imageConfig.clone();
    }

    @Override
    public byte[] imageConfig() {
        return imageConfig.clone();
    }

    /** Marshal settings: this platform, the caps, and the given local-source id. */
    public MarshalOptions marshalOptions(Set<String> llbCaps, String localUniqueId) {
        return new MarshalOptions(platform, llbCaps, localUniqueId);
    }

    public Definition definition(Set<String> llbCaps, String localUniqueId) {
        return state.marshal(marshalOptions(llbCaps, localUniqueId));
    }
}
