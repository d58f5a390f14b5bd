package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.ignore.DockerIgnore;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.SourceLocation;
import dev.kiln.llb.SourceMap;
import dev.kiln.llb.frontend.Frontend;
import dev.kiln.llb.frontend.FrontendContext;
import dev.kiln.llb.frontend.FrontendException;
import dev.kiln.llb.frontend.FrontendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code dockerfile.v0} frontend: reads the Dockerfile (option {@code filename}) and the
 * context's {@code .dockerignore}, converts (once per target platform), and marshals for the
 * engine's caps.
 */
public final class DockerfileFrontend implements Frontend {

    public static final String NAME = "dockerfile.v0";

    @Override
    public FrontendResult build(FrontendContext ctx) throws FrontendException {
        String filename = ctx.option("filename").filter(f -> !f.isEmpty()).orElse("Dockerfile");
        // Like BuildKit, <Dockerfile>.dockerignore beside the Dockerfile wins over the context's;
        // both come in one transfer.
        String ownIgnore = filename + ".dockerignore";
        var files = read(ctx, FrontendContext.DOCKERFILE_LOCAL, List.of(filename, ownIgnore));
        byte[] dockerfile = files.get(filename)
                .orElseThrow(() -> new FrontendException("failed to read dockerfile: open " + filename
                        + ": no such file or directory"));
        java.util.Optional<byte[]> ignore = files.get(ownIgnore);
        if (ignore.isEmpty()) {
            ignore = read(ctx, FrontendContext.CONTEXT_LOCAL, List.of(".dockerignore")).get(".dockerignore");
        }
        List<String> excludes = ignore.map(b -> DockerIgnore.parse(new String(b, StandardCharsets.UTF_8)))
                .orElse(List.of());
        SourceMap sourceMap = new SourceMap(filename, dockerfile, "Dockerfile");
        ConvertOptions options = FrontendOptions.parse(ctx, excludes, sourceMap);
        try {
            Conversion c = DockerfileConverter.convert(dockerfile, options);
            String localId = MarshalOptions.randomId();
            List<FrontendResult.PlatformResult> results = c.platforms().stream()
                    .map(p -> new FrontendResult.PlatformResult(p.state(), p.definition(c.llbCaps(), localId),
                            p.imageConfig(), p.platform()))
                    .toList();
            return new FrontendResult(results, c.multiPlatform());
        } catch (ConversionException e) {
            throw new FrontendException(e.getMessage(), location(sourceMap, e), e);
        }
    }

    /** {@code paths} from the client directory {@code local}, in one transfer; a failure names the first. */
    private static java.util.Map<String, java.util.Optional<byte[]>> read(FrontendContext ctx, String local,
            List<String> paths) throws FrontendException {
        try {
            return ctx.readFiles(local, paths);
        } catch (IOException e) {
            throw new FrontendException("failed to read " + paths.getFirst() + ": " + e.getMessage(), null, e);
        }
    }

    private static SourceLocation location(SourceMap map, ConversionException e) {
        if (!e.hasLocation()) {
            return null;
        }
        return map.lines(e.startLine(), e.endLine());
    }
}
