package dev.kiln.dockerfile.convert;

import dev.kiln.llb.Digest;
import java.util.List;

/**
 * The value of a {@code context:NAME} frontend option: what replaces {@code FROM NAME},
 * {@code COPY --from=NAME} or a stage named {@code NAME} (BuildKit's named contexts).
 */
public sealed interface NamedContext {

    /** {@code docker-image://ref}: an image (its config is inherited like a base image's). */
    record DockerImage(String ref) implements NamedContext {}

    /** {@code local:NAME}: a directory the client exposes under {@code localName}. */
    record Local(String localName, List<String> excludes) implements NamedContext {
        public Local {
            excludes = List.copyOf(excludes);
        }
    }

    /** {@code oci-layout://store@sha256:…}: an image in a client-side OCI layout store. */
    record OciLayout(String storeId, Digest digest) implements NamedContext {}

    /** A Git repository ({@code git://…}, {@code git@…}, {@code https://….git}). */
    record Git(String url) implements NamedContext {}

    /** {@code http(s)://…} that is not a Git URL: a downloaded file. */
    record Http(String url) implements NamedContext {}

    /**
     * Parses an option value as BuildKit does: {@code scheme:rest}, {@code git@} meaning git.
     *
     * @param key the option name, for messages
     * @throws IllegalArgumentException with BuildKit's message when the value is not understood
     */
    static NamedContext parse(String key, String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid context specifier " + value + " for " + key);
        }
        String scheme = value.startsWith("git@") ? "git" : value.substring(0, colon);
        String rest = value.substring(colon + 1);
        return switch (scheme) {
            case "docker-image" -> new DockerImage(stripSlashes(rest));
            case "local" -> new Local(rest, List.of());
            case "oci-layout" -> ociLayout(stripSlashes(rest));
            case "git" -> new Git(value);
            case "http", "https" -> CopySources.isGit(value) ? new Git(value) : new Http(value);
            default -> throw new IllegalArgumentException("unsupported context source " + scheme + " for " + key);
        };
    }

    private static String stripSlashes(String s) {
        return s.startsWith("//") ? s.substring(2) : s;
    }

    private static OciLayout ociLayout(String spec) {
        int at = spec.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("oci-layout reference \"" + spec + "\" has no digest");
        }
        String name = spec.substring(0, at);
        int tag = name.lastIndexOf(':');
        String store = tag > name.lastIndexOf('/') ? name.substring(0, tag) : name;
        try {
            return new OciLayout(store, Digest.parse(spec.substring(at + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("could not parse oci-layout reference \"" + spec + "\": "
                    + e.getMessage(), e);
        }
    }
}
