package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Digest;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Platform;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.llb.frontend.ResolvedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Serves the golden registry's busybox: {@code localhost:5000/busybox} pinned to its manifest digest. */
class FakeImageResolver implements ImageMetaResolver {

    static final Digest BUSYBOX = Digest.parse("sha256:39bfdae4a9f64d3aa985a1c1d1d431a7378bf723f7df15710d11a5168107362b");

    /** Every lookup, in the order they arrived (the converter looks up several images at once). */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public ResolvedImage resolve(String ref, Platform platform, ResolveMode mode) throws IOException {
        requests.add(ref);
        if (!ref.equals("localhost:5000/busybox:latest")) {
            throw new IOException("pull access denied, repository does not exist: " + ref);
        }
        return new ResolvedImage(ref, BUSYBOX, busyboxConfig());
    }

    static byte[] busyboxConfig() {
        try (InputStream in = FakeImageResolver.class.getResourceAsStream("/golden/busybox-config.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
