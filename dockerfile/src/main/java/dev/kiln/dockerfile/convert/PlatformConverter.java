package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.dockerfile.image.ImageJson;
import dev.kiln.dockerfile.instructions.ParsedDockerfile;
import dev.kiln.dockerfile.shell.ShellLexer;
import dev.kiln.llb.Paths;
import dev.kiln.llb.ProxyEnv;
import dev.kiln.llb.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Converts a parsed Dockerfile for one target platform (one run of BuildKit's
 * {@code Dockerfile2LLB}): plan the stages, resolve bases, dispatch what the target needs.
 */
final class PlatformConverter {

    /** The result for one platform and the build args nothing consumed. */
    record Result(PlatformConversion conversion, List<String> warnings) {}

    private PlatformConverter() {}

    static Result convert(ParsedDockerfile df, ConvertOptions options) throws ConversionException {
        PlatformOpt platforms = PlatformOpt.of(options);
        ShellLexer lexer = new ShellLexer(df.escapeToken());
        MetaArgs meta = MetaArgs.resolve(df.metaArgs(), platforms, options.buildArgs(), lexer);
        NamedContexts contexts = new NamedContexts(options, platforms.build().getFirst());
        Stages stages = StagePlanner.plan(df, meta, lexer, options, contexts);
        StageState target = StagePlanner.target(stages, options.target());
        StagePlanner.linkSources(stages, lexer);
        Set<StageState> reachable = StagePlanner.reachable(target);
        new BaseImages(options, platforms, contexts).resolveAll(stages, reachable);

        AtomicReference<State> context = new AtomicReference<>();
        DispatchContext ctx = new DispatchContext(options, platforms, meta, lexer, State.deferred(context::get),
                stages, proxy(options.buildArgs()));
        StageDispatcher dispatcher = new StageDispatcher(ctx);
        List<StageState> built = new ArrayList<>();
        Set<String> ctxPaths = new TreeSet<>();
        for (StageState s : stages.all()) {
            if (reachable.contains(s) && !s.noinit) {
                dispatcher.dispatch(s);
                built.add(s);
                ctxPaths.addAll(s.ctxPaths);
            }
        }
        context.set(buildContext(options, ctxPaths));
        finishImage(target.image, options, platforms);
        List<String> warnings = BuildArgWarnings.unused(options.buildArgs().keySet(), built);
        var result = new PlatformConversion(target.state, ImageJson.write(target.image), platforms.target());
        return new Result(result, warnings);
    }

    /** The build context, following only the paths COPY/ADD/mounts read (all if any reads {@code /}). */
    private static State buildContext(ConvertOptions o, Set<String> ctxPaths) {
        List<String> follow = ctxPaths.contains("/") ? List.of()
                : ctxPaths.stream().map(p -> Paths.join(".", p)).sorted().toList();
        return State.local(o.contextLocalName(), l -> {
            if (!o.sessionId().isEmpty()) {
                l.sessionId(o.sessionId());
            }
            if (!o.excludes().isEmpty()) {
                l.excludePatterns(o.excludes());
            }
            l.sharedKeyHint(o.contextLocalName()).customName("[internal] load build context");
            if (!follow.isEmpty()) {
                l.followPaths(follow);
            }
        });
    }

    private static void finishImage(Image img, ConvertOptions o, PlatformOpt platforms) {
        if (!o.labels().isEmpty()) {
            if (img.config.labels == null) {
                img.config.labels = new TreeMap<>();
            }
            img.config.labels.putAll(o.labels());
        }
        if (!platforms.implicitTarget()) {
            img.os = platforms.target().os();
            img.architecture = platforms.target().architecture();
            img.variant = platforms.target().variant();
        }
    }

    /** Proxy settings from the (case-insensitive) proxy build args, or null when none is set. */
    private static ProxyEnv proxy(Map<String, String> args) {
        String[] v = new String[5];
        List<String> names = List.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy");
        boolean any = false;
        for (Map.Entry<String, String> e : new TreeMap<>(args).entrySet()) {
            int i = names.indexOf(e.getKey().toLowerCase(Locale.ROOT));
            if (i >= 0) {
                v[i] = e.getValue();
                any = true;
            }
        }
        return any ? new ProxyEnv(nz(v[0]), nz(v[1]), nz(v[2]), nz(v[3]), nz(v[4])) : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
