package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.Origin;
import dev.kiln.llb.OpOptions;
import dev.kiln.llb.SourceMap;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Network;
import dev.kiln.llb.Platform;
import dev.kiln.llb.frontend.ImageMetaResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of one Dockerfile conversion (BuildKit's {@code ConvertOpt}). Build one with
 * {@link #builder(ImageMetaResolver)}.
 *
 * @param target           stage to build; empty for the last one
 * @param targetPlatforms  the platforms to build for, one result each; empty to build for the first
 *                         build platform (then the result's OS and architecture follow the base image)
 * @param buildPlatforms   platforms the build runs on; first is the default
 * @param llbCaps          caps of the engine, or null when unknown
 * @param sessionId        client session of the build context, or empty
 * @param excludes         {@code .dockerignore} patterns applied to the build context
 * @param ignoreCache      stages not to take from the cache: null none, empty all
 * @param forceNetworkMode network for every RUN without {@code --network}, or null for sandbox
 * @param namedContexts    {@code context:KEY} options by KEY ({@code NAME} or {@code NAME::os/arch})
 * @param sourceMap        the Dockerfile as a source map: every op an instruction makes (its image,
 *                         exec, file, merge, HTTP or Git source ops and their helpers) records the
 *                         instruction's lines in it (the Definition's {@code source}), so a failing
 *                         step can be shown in the file; null for none, as BuildKit's dockerfile2llb
 *                         without one
 */
public record ConvertOptions(String target, Map<String, String> buildArgs, Map<String, String> labels,
        List<Platform> targetPlatforms, List<Platform> buildPlatforms, Set<String> llbCaps, String sessionId,
        String contextLocalName, List<String> excludes, List<String> ignoreCache, String cacheIdNamespace,
        ResolveMode imageResolveMode, Network forceNetworkMode, List<ExtraHost> extraHosts, String hostname,
        boolean prefixPlatform, Map<String, NamedContext> namedContexts, ImageMetaResolver metaResolver,
        SourceMap sourceMap) {

    public ConvertOptions {
        targetPlatforms = List.copyOf(targetPlatforms);
        namedContexts = Map.copyOf(namedContexts);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        buildPlatforms = List.copyOf(buildPlatforms);
        llbCaps = llbCaps == null ? null : Set.copyOf(llbCaps);
        excludes = List.copyOf(excludes);
        ignoreCache = ignoreCache == null ? null : List.copyOf(ignoreCache);
        extraHosts = List.copyOf(extraHosts);
    }

    public static Builder builder(ImageMetaResolver resolver) {
        return new Builder(resolver);
    }

    /** The first target platform, or null when none was requested. */
    public Platform targetPlatform() {
        return targetPlatforms.isEmpty() ? null : targetPlatforms.getFirst();
    }

    /** These options for one of several target platforms: step names then carry the platform. */
    ConvertOptions forPlatform(Platform platform, boolean prefix) {
        return new ConvertOptions(target, buildArgs, labels, platform == null ? List.of() : List.of(platform),
                buildPlatforms, llbCaps, sessionId, contextLocalName, excludes, ignoreCache, cacheIdNamespace,
                imageResolveMode, forceNetworkMode, extraHosts, hostname, prefix, namedContexts, metaResolver, sourceMap);
    }

    /** Records on an op the Dockerfile lines it comes from, when converting with a source map. */
    void locate(OpOptions<?> op, Origin origin) {
        if (sourceMap != null && origin.startLine() > 0) {
            op.location(sourceMap.lines(origin.startLine(), origin.endLine()));
        }
    }

    /** Whether the engine is known to support {@code cap}. */
    boolean supports(String cap) {
        return llbCaps != null && llbCaps.contains(cap);
    }

    /** Mutable builder; defaults are BuildKit's (linux/amd64 build platform when none given). */
    public static final class Builder {
        private final ImageMetaResolver resolver;
        private String target = "";
        private final Map<String, String> buildArgs = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private List<Platform> targetPlatforms = List.of();
        private final Map<String, NamedContext> namedContexts = new LinkedHashMap<>();
        private List<Platform> buildPlatforms = List.of(Platform.LINUX_AMD64);
        private Set<String> llbCaps;
        private String sessionId = "";
        private String contextLocalName = "context";
        private List<String> excludes = List.of();
        private List<String> ignoreCache;
        private String cacheIdNamespace = "";
        private SourceMap sourceMap;
        private ResolveMode resolveMode = ResolveMode.DEFAULT;
        private Network forceNetworkMode;
        private List<ExtraHost> extraHosts = List.of();
        private String hostname = "";
        private boolean prefixPlatform;

        private Builder(ImageMetaResolver resolver) {
            this.resolver = resolver;
        }

        public Builder target(String t) { target = t; return this; }
        public Builder buildArg(String k, String v) { buildArgs.put(k, v); return this; }
        public Builder label(String k, String v) { labels.put(k, v); return this; }
        public Builder targetPlatform(Platform p) { targetPlatforms = p == null ? List.of() : List.of(p); return this; }
        public Builder targetPlatforms(List<Platform> p) { targetPlatforms = p; return this; }
        public Builder namedContext(String key, NamedContext c) { namedContexts.put(key, c); return this; }
        public Builder buildPlatforms(List<Platform> p) { buildPlatforms = p; return this; }
        public Builder llbCaps(Set<String> caps) { llbCaps = caps; return this; }
        public Builder sessionId(String id) { sessionId = id; return this; }
        public Builder contextLocalName(String name) { contextLocalName = name; return this; }
        public Builder excludes(List<String> patterns) { excludes = patterns; return this; }
        public Builder ignoreCache(List<String> stages) { ignoreCache = stages; return this; }
        public Builder cacheIdNamespace(String ns) { cacheIdNamespace = ns; return this; }
        public Builder imageResolveMode(ResolveMode m) { resolveMode = m; return this; }
        public Builder forceNetworkMode(Network n) { forceNetworkMode = n; return this; }
        public Builder extraHosts(List<ExtraHost> hosts) { extraHosts = hosts; return this; }
        public Builder hostname(String h) { hostname = h; return this; }
        public Builder prefixPlatform(boolean p) { prefixPlatform = p; return this; }
        public Builder sourceMap(SourceMap m) { sourceMap = m; return this; }

        public ConvertOptions build() {
            return new ConvertOptions(target, buildArgs, labels, targetPlatforms, buildPlatforms, llbCaps, sessionId,
                    contextLocalName, excludes, ignoreCache, cacheIdNamespace, resolveMode, forceNetworkMode,
                    extraHosts, hostname, prefixPlatform, namedContexts, resolver, sourceMap);
        }
    }
}
