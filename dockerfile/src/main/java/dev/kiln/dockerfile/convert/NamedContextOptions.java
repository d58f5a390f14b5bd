package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.ignore.DockerIgnore;
import dev.kiln.llb.frontend.FrontendContext;
import dev.kiln.llb.frontend.FrontendException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code context:NAME} frontend options into {@link NamedContext}s; a local context's
 * {@code .dockerignore} is read here, through the frontend context, so conversion stays pure.
 */
final class NamedContextOptions {

    private static final String PREFIX = "context:";

    private NamedContextOptions() {}

    static void parse(FrontendContext ctx, ConvertOptions.Builder b) throws FrontendException {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(ctx.options()).entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(PREFIX.length());
            NamedContext context;
            try {
                context = NamedContext.parse(name, e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new FrontendException(e.getKey() + ": " + ex.getMessage());
            }
            if (context instanceof NamedContext.Local(String local, var ignored)) {
                context = new NamedContext.Local(local, excludes(ctx, local));
            }
            b.namedContext(name, context);
        }
    }

    private static List<String> excludes(FrontendContext ctx, String local) throws FrontendException {
        try {
            return ctx.readFile(local, ".dockerignore")
                    .map(d -> DockerIgnore.parse(new String(d, StandardCharsets.UTF_8))).orElse(List.of());
        } catch (IOException e) {
            throw new FrontendException("failed to read .dockerignore of context " + local + ": " + e.getMessage(),
                    null, e);
        }
    }
}
