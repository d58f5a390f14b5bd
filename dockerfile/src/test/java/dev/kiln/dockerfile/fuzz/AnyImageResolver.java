package dev.kiln.dockerfile.fuzz;

import dev.kiln.llb.Digest;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Platform;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.llb.frontend.ResolvedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Resolves every reference to a small image whose config exercises inheritance (env, user,
 * working dir, ONBUILD); references containing {@code missing} fail like an unknown image.
 */
final class AnyImageResolver implements ImageMetaResolver {

    private static final Digest DIGEST =
            Digest.parse("sha256:39bfdae4a9f64d3aa985a1c1d1d431a7378bf723f7df15710d11a5168107362b");

    private static final byte[] CONFIG = """
            {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin:/bin","HOME=/root"],
            "User":"","WorkingDir":"/work","Cmd":["sh"]},"rootfs":{"type":"layers",
            "diff_ids":["sha256:39bfdae4a9f64d3aa985a1c1d1d431a7378bf723f7df15710d11a5168107362b"]},
            "history":[{"created_by":"base"}]}""".getBytes(StandardCharsets.UTF_8);

    @Override
    public ResolvedImage resolve(String ref, Platform platform, ResolveMode mode) throws IOException {
        if (ref.contains("missing")) {
            throw new IOException("pull access denied, repository does not exist: " + ref);
        }
        return new ResolvedImage(ref, DIGEST, CONFIG);
    }
}
