package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Digest;
import dev.kiln.llb.ImageRefs;
import java.util.List;
import java.util.stream.Stream;

/** Image reference forms the frontend needs: with a default tag, and pinned to a digest. */
final class ImageNames {

    /**
     * Images people often mean, offered (with the stage names) as a hint when a base image cannot be
     * resolved, as BuildKit does: each as {@code name}, {@code name:latest} and fully qualified.
     */
    static final List<String> COMMON = Stream.of("alpine", "busybox", "centos", "debian", "golang", "ubuntu", "fedora")
            .flatMap(n -> Stream.of(n, "docker.io/library/" + n, n + ":latest", "docker.io/library/" + n + ":latest"))
            .toList();

    private ImageNames() {}

    /** Fully qualified, with {@code :latest} when neither tag nor digest is given (for resolving). */
    static String withTag(String ref) {
        return ImageRefs.normalize(ref);
    }

    /**
     * Fully qualified and pinned: {@code name[:tag]@digest}; without a digest just the name (and
     * tag, if one was written). Like Go's {@code reference.WithDigest(ParseNormalizedNamed(ref))}.
     */
    static String pinned(String ref, Digest digest) {
        String full = ImageRefs.normalize(ref);
        int at = full.indexOf('@');
        String named = at >= 0 ? full.substring(0, at) : full;
        boolean implicitLatest = at < 0 && named.endsWith(":latest") && !hasExplicitTag(ref);
        if (implicitLatest) {
            named = named.substring(0, named.length() - ":latest".length());
        }
        if (digest != null) {
            return named + "@" + digest.value();
        }
        return at >= 0 ? full : named;
    }

    private static boolean hasExplicitTag(String ref) {
        String noDigest = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/');
    }
}
