package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.dockerfile.image.ImageJson;
import dev.kiln.dockerfile.image.History;
import dev.kiln.dockerfile.parser.Suggestions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.llb.frontend.ResolvedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        List<StageState> fromRegistry = new ArrayList<>();
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
                fromRegistry.add(s);
            }
        }
        // Like BuildKit, every base image is looked up at once (one registry round trip of wall
        // time, not one per stage), and a name several stages start from only once.
        Map<Lookup, Outcome> found = lookUpAll(fromRegistry.stream().filter(reachable::contains).map(this::lookup).distinct().toList());
        for (StageState s : fromRegistry) {
            resolve(s, reachable.contains(s) ? found.get(lookup(s)) : null, stages);
        }
    }

    /** One registry lookup: the name with its tag, for the stage's platform. */
    private record Lookup(String ref, Platform platform) {}

    /** A lookup's image or failure. */
    private record Outcome(ResolvedImage image, Exception failure) {}

    private Lookup lookup(StageState s) {
        return new Lookup(ImageNames.withTag(s.baseName), s.platform != null ? s.platform : platforms.target());
    }

    private Map<Lookup, Outcome> lookUpAll(List<Lookup> lookups) {
        Map<Lookup, Outcome> found = new HashMap<>();
        if (lookups.size() <= 1) {
            lookups.forEach(l -> found.put(l, lookUp(l)));
            return found;
        }
        Map<Lookup, Future<Outcome>> running = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            lookups.forEach(l -> running.put(l, threads.submit(() -> lookUp(l))));
        } // closing waits for every lookup
        running.forEach((l, f) -> found.put(l, f.resultNow()));
        return found;
    }

    private Outcome lookUp(Lookup l) {
        try {
            return new Outcome(options.metaResolver().resolve(l.ref(), l.platform(), options.imageResolveMode()), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, e);
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

    /** @param found the stage's looked-up base image, null when the stage is unreachable */
    private void resolve(StageState s, Outcome found, Stages stages) throws ConversionException {
        Platform platform = s.platform != null ? s.platform : platforms.target();
        String name = s.baseName;
        boolean scratch = false;
        if (found != null) {
            if (found.failure() != null) {
                throw Errors.at(s.stage.origin(), notFound(s.baseName, found.failure(), stages), found.failure());
            }
            ResolvedImage resolved = found.image();
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

    /**
     * BuildKit's message for a base image (or {@code COPY --from} source) that cannot be resolved,
     * with a hint when the name is close to a stage's name or a common image: a mistyped stage name
     * is taken for an image name.
     */
    private static String notFound(String name, Exception failure, Stages stages) {
        List<String> candidates = new ArrayList<>(stages.names());
        candidates.addAll(ImageNames.COMMON);
        return Suggestions.withHint(name + ": " + failure.getMessage(), name, candidates, true);
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
        return State.image(name, o -> {
            o.platform(platform).resolveMode(options.imageResolveMode())
                    .description(Map.of(DOCKERFILE_COMMAND, s.stage.origin().code()))
                    .customName(step);
            options.locate(o, s.stage.origin());
        });
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
