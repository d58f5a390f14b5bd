package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Platform;
import java.util.List;

/**
 * The platforms of a conversion.
 *
 * @param implicitTarget true when no target platform was requested: the result then keeps its
 *                       base image's OS and architecture
 */
record PlatformOpt(Platform target, List<Platform> build, boolean implicitTarget) {

    static PlatformOpt of(ConvertOptions o) {
        List<Platform> build = o.buildPlatforms();
        if (o.targetPlatform() != null && build.isEmpty()) {
            build = List.of(o.targetPlatform());
        }
        if (build.isEmpty()) {
            build = List.of(Platform.LINUX_AMD64);
        }
        Platform target = o.targetPlatform() != null ? o.targetPlatform() : build.getFirst();
        return new PlatformOpt(target, build, o.targetPlatform() == null);
    }
}
