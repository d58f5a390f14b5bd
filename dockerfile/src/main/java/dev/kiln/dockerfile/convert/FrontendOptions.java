package dev.kiln.dockerfile.convert;

import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Network;
import dev.kiln.llb.Platform;
import dev.kiln.llb.frontend.FrontendContext;
import dev.kiln.llb.frontend.FrontendException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns BuildKit FrontendAttrs ({@code target}, {@code build-arg:K}, {@code label:K},
 * {@code platform}, {@code no-cache}, {@code image-resolve-mode}, {@code force-network-mode},
 * {@code add-hosts}, {@code hostname}, {@code multi-platform}, {@code context:NAME}) into
 * {@link ConvertOptions}, once, at the edge; a bad value is an error naming its key.
 */
final class FrontendOptions {

    private FrontendOptions() {}

    static ConvertOptions parse(FrontendContext ctx, List<String> excludes, dev.kiln.llb.SourceMap sourceMap)
            throws FrontendException {
        Map<String, String> o = ctx.options();
        ConvertOptions.Builder b = ConvertOptions.builder(ctx.imageResolver())
                .sourceMap(sourceMap)
                .target(o.getOrDefault("target", ""))
                .llbCaps(ctx.llbCaps())
                .sessionId(ctx.sessionId().orElse(""))
                .excludes(excludes)
                .hostname(o.getOrDefault("hostname", ""))
                .imageResolveMode(resolveMode(o.getOrDefault("image-resolve-mode", "")))
                .forceNetworkMode(network(o.getOrDefault("force-network-mode", "")))
                .extraHosts(hosts(o.getOrDefault("add-hosts", "")));
        o.forEach((k, v) -> {
            if (k.startsWith("build-arg:")) {
                b.buildArg(k.substring("build-arg:".length()), v);
            } else if (k.startsWith("label:")) {
                b.label(k.substring("label:".length()), v);
            }
        });
        if (o.containsKey("no-cache")) {
            String v = o.get("no-cache");
            b.ignoreCache(v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(String::strip).toList());
        }
        List<Platform> targets = platforms(o.getOrDefault("platform", ""));
        b.targetPlatforms(targets).prefixPlatform(multiPlatform(o, targets.size() > 1));
        NamedContextOptions.parse(ctx, b);
        return b.build();
    }

    /** The comma-separated target platforms; empty when none is requested. */
    private static List<Platform> platforms(String v) throws FrontendException {
        List<Platform> out = new ArrayList<>();
        for (String spec : v.split(",")) {
            if (spec.isBlank()) {
                continue;
            }
            try {
                out.add(Platform.parse(spec.strip()));
            } catch (IllegalArgumentException e) {
                throw new FrontendException("platform: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Whether to return one result per platform (and prefix step names with the platform):
     * several platforms, or {@code multi-platform} / {@code build-arg:BUILDKIT_MULTI_PLATFORM}.
     */
    static boolean multiPlatform(Map<String, String> o, boolean several) throws FrontendException {
        String v = o.getOrDefault("build-arg:BUILDKIT_MULTI_PLATFORM", o.getOrDefault("multi-platform", ""));
        if (v.isEmpty()) {
            return several;
        }
        boolean b = switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw new FrontendException("multi-platform: invalid boolean value " + v);
        };
        if (!b && several) {
            throw new FrontendException("multi-platform: returning multiple target platforms is not allowed");
        }
        return b;
    }

    private static ResolveMode resolveMode(String v) throws FrontendException {
        return switch (v) {
            case "", "default" -> ResolveMode.DEFAULT;
            case "pull" -> ResolveMode.FORCE_PULL;
            case "local" -> ResolveMode.PREFER_LOCAL;
            default -> throw new FrontendException("image-resolve-mode: invalid value " + v
                    + " (expected default, pull or local)");
        };
    }

    private static Network network(String v) throws FrontendException {
        return switch (v) {
            case "", "sandbox" -> null;
            case "none" -> Network.NONE;
            case "host" -> Network.HOST;
            default -> throw new FrontendException("force-network-mode: invalid value " + v
                    + " (expected none, host or sandbox)");
        };
    }

    private static List<ExtraHost> hosts(String csv) throws FrontendException {
        List<ExtraHost> out = new ArrayList<>();
        for (String field : csv.split(",")) {
            String f = field.strip();
            if (f.isEmpty()) {
                continue;
            }
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new FrontendException("add-hosts: invalid host " + f + " (expected host=ip)");
            }
            out.add(new ExtraHost(f.substring(0, eq), f.substring(eq + 1)));
        }
        return out;
    }
}
