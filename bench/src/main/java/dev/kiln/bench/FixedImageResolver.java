package dev.kiln.bench;

import dev.kiln.llb.Digest;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Platform;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.llb.frontend.ResolvedImage;
import java.nio.charset.StandardCharsets;

/** Resolves every image to one small config in memory, so benchmarks measure conversion only. */
public final class FixedImageResolver implements ImageMetaResolver {

    private static final Digest DIGEST =
            Digest.parse("sha256:39bfdae4a9f64d3aa985a1c1d1d431a7378bf723f7df15710d11a5168107362b");

    private static final byte[] CONFIG = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":"
            + "[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIGEST.value() + "\"]},"
            + "\"history\":[{\"created_by\":\"base\"}]}").getBytes(StandardCharsets.UTF_8);

    @Override
    public ResolvedImage resolve(String ref, Platform platform, ResolveMode mode) {
        return new ResolvedImage(ref, DIGEST, CONFIG);
    }
}
