package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.dockerfile.image.ImageJson;
import dev.kiln.dockerfile.image.History;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.llb.frontend.ResolvedImage;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Gives every stage that starts from an image (not from another stage) its LLB source and its
 * image config: scratch, or the image pinned to the digest the resolver reports.
 */
final class BaseImages {

    static final String DOCKERFILE_COMMAND = "com.docker.dockerfile.v1.command";

    private final ConvertOptions options;
    private final PlatformOpt platforms;
    private final NamedContexts contexts;

    BaseImages(ConvertOptions options, PlatformOpt platforms, NamedContexts contexts) {
        this.options = options;
        this.platforms = platforms;
        this.contexts = contexts;
    }

    void resolveAll(Stages stages, Set<StageState> reachable) throws ConversionException {
        for (StageState s : stages.all()) {
            if (s.base != null || s.noinit) {
                continue;
            }
            if (s.baseName.equals("scratch")) {
                Platform p = platforms.target();
                s.state = State.scratch();
                s.image = Image.empty(p.os(), p.architecture(), p.variant());
                continue;
            }
            if (!fromContext(s)) {
                resolve(s, reachable.contains(s));
            }
        }
    }

    /** {@code FROM NAME} / {@code COPY --from=NAME} with a {@code context:NAME} option use the context. */
    private boolean fromContext(StageState s) throws ConversionException {
        Platform platform = s.platform != null ? s.platform : platforms.target();
        var context = contexts.lookup(s.baseName, platform, s.stage.origin());
        if (context.isEmpty()) {
            return false;
        }
        s.image = NamedContexts.imageOrEmpty(context.get(), platforms.target());
        s.state = context.get().state().platform(platform);
        s.platform = platform;
        return true;
    }

    private void resolve(StageState s, boolean reachable) throws ConversionException {
        Platform platform = s.platform != null ? s.platform : platforms.target();
        String name = s.baseName;
        boolean scratch = false;
        if (reachable) {
            ResolvedImage resolved = lookUp(s, platform);
            Image img = parse(s, resolved.config());
            if (s.platform == null && platforms.implicitTarget()) {
                platform = autoDetect(img, platform);
            }
            name = ImageNames.pinned(s.baseName, resolved.digest());
            scratch = isScratch(img);
            s.image = img;
        }
        s.baseName = name;
        s.state = scratch ? State.scratch() : imageState(s, name, platform);
        s.platform = platform;
    }

    private ResolvedImage lookUp(StageState s, Platform platform) throws ConversionException {
        try {
            return options.metaResolver().resolve(ImageNames.withTag(s.baseName), platform, options.imageResolveMode());
        } catch (IOException | RuntimeException e) {
            throw Errors.at(s.stage.origin(), s.baseName + ": " + e.getMessage(), e);
        }
    }

    private static Image parse(StageState s, byte[] config) throws ConversionException {
        try {
            return ImageJson.read(config);
        } catch (IOException e) {
            throw Errors.at(s.stage.origin(), "failed to parse image config: " + e.getMessage(), e);
        }
    }

    private State imageState(StageState s, String name, Platform platform) {
        String step = StepNames.prefix(s, "FROM " + name, options.prefixPlatform(), platform);
        return State.image(name, o -> o.platform(platform).resolveMode(options.imageResolveMode())
                .description(Map.of(DOCKERFILE_COMMAND, s.stage.origin().code()))
                .customName(step));
    }

    /** An image without layers is scratch (schema 1 images lack diff ids, so history decides). */
    private static boolean isScratch(Image img) {
        if (img.diffIds != null && !img.diffIds.isEmpty()) {
            return false;
        }
        return img.history.stream().allMatch(History::emptyLayer);
    }

    private Platform autoDetect(Image img, Platform target) {
        if (img.os.equals(target.os()) && img.architecture.equals(target.architecture())) {
            return target;
        }
        for (Platform p : platforms.build()) {
            if (p.os().equals(img.os) && p.architecture().equals(img.architecture)) {
                return p;
            }
        }
        return target;
    }

}
