package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.dockerfile.image.ImageJson;
import dev.kiln.dockerfile.instructions.Origin;
import dev.kiln.llb.ImageRefs;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.llb.frontend.ResolvedImage;
import java.io.IOException;
import java.util.Optional;

/**
 * Looks up {@code context:NAME} options for stage names and image names and builds their sources,
 * as BuildKit v0.11's {@code dockerui.NamedContext}: the platform-specific key
 * {@code NAME::os/arch} wins over {@code NAME}; names compare in Docker's familiar form
 * ({@code docker.io/library/alpine:latest} is {@code alpine}).
 */
final class NamedContexts {

    private final ConvertOptions options;
    private final Platform defaultPlatform;

    NamedContexts(ConvertOptions options, Platform defaultPlatform) {
        this.options = options;
        this.defaultPlatform = defaultPlatform;
    }

    /**
     * The context replacing {@code name}, or empty.
     *
     * @param platform the stage's platform, or null for the default
     * @param origin   where the name is used, to locate errors
     */
    Optional<ContextSource> lookup(String name, Platform platform, Origin origin) throws ConversionException {
        if (options.namedContexts().isEmpty()) {
            return Optional.empty();
        }
        String familiar = familiar(name);
        Platform p = platform != null ? platform : defaultPlatform;
        String withPlatform = familiar + "::" + PlatformNames.normalized(p);
        for (String key : new String[] {withPlatform, familiar}) {
            NamedContext value = options.namedContexts().get(key);
            if (value != null) {
                try {
                    return Optional.of(load(key, familiar, value, platform));
                } catch (IOException | IllegalArgumentException e) {
                    throw Errors.at(origin, "context " + key + ": " + e.getMessage(), e);
                }
            }
        }
        return Optional.empty();
    }

    private ContextSource load(String key, String name, NamedContext value, Platform platform)
            throws IOException {
        String label = "[context " + key + "] ";
        return switch (value) {
            case NamedContext.DockerImage(String ref) when ref.equals("scratch") ->
                    new ContextSource(key, State.scratch(), null);
            case NamedContext.DockerImage(String ref) -> {
                ResolvedImage r = options.metaResolver().resolve(ImageRefs.normalize(ref), platform,
                        options.imageResolveMode());
                State st = State.image(ref, o -> {
                    o.customName(label + ref);
                    if (platform != null) {
                        o.platform(platform);
                    }
                });
                yield new ContextSource(key, st, ImageJson.read(r.config()));
            }
            case NamedContext.OciLayout(String store, var digest) -> {
                String ref = ImageNames.pinned(name, digest);
                ResolvedImage r = options.metaResolver().resolveOciLayout(ref, options.sessionId(), store, platform);
                State st = State.ociLayout(ref, o -> {
                    o.customName(label + "OCI load from client").store(options.sessionId(), store);
                    if (platform != null) {
                        o.platform(platform);
                    }
                });
                yield new ContextSource(key, st, ImageJson.read(r.config()));
            }
            case NamedContext.Local(String local, var excludes) -> new ContextSource(key, State.local(local, o -> {
                o.customName(label + "load from client").sharedKeyHint("context:" + key);
                if (!options.sessionId().isEmpty()) {
                    o.sessionId(options.sessionId());
                }
                if (!excludes.isEmpty()) {
                    o.excludePatterns(excludes);
                }
            }), null);
            case NamedContext.Git(String url) -> new ContextSource(key, gitContext(url), null);
            case NamedContext.Http(String url) -> new ContextSource(key, State.http(url, o -> o.customName(label + url)),
                    null);
        };
    }

    /** Git contexts keep the {@code .git} directory, as BuildKit's {@code DetectGitContext(ref, true)}. */
    private static State gitContext(String url) {
        int hash = url.indexOf('#');
        String remote = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash + 1);
        return State.git(remote, fragment, o -> o.keepGitDir().customName("[internal] load git source " + url));
    }

    /** Docker's familiar name without {@code :latest}: {@code docker.io/library/a:latest} → {@code a}. */
    static String familiar(String name) {
        String n = ImageRefs.normalize(name);
        if (n.startsWith("docker.io/library/")) {
            n = n.substring("docker.io/library/".length());
        } else if (n.startsWith("docker.io/")) {
            n = n.substring("docker.io/".length());
        }
        return n.endsWith(":latest") ? n.substring(0, n.length() - ":latest".length()) : n;
    }

    /** The image of a context source, or an empty image for {@code platform} when it has none. */
    static Image imageOrEmpty(ContextSource src, Platform platform) {
        return src.image() != null ? src.image()
                : Image.empty(platform.os(), platform.architecture(), platform.variant());
    }
}
