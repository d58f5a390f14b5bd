package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.InstructionException;
import dev.kiln.dockerfile.instructions.InstructionsParser;
import dev.kiln.dockerfile.instructions.ParsedDockerfile;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.dockerfile.parser.ParseResult;
import dev.kiln.llb.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dockerfile → LLB + image config, as BuildKit v0.11's {@code dockerfile2llb}: parsed once, then
 * converted once per target platform. Thread-safe: each call converts independently.
 */
public final class DockerfileConverter {

    private DockerfileConverter() {}

    public static Conversion convert(byte[] dockerfile, ConvertOptions options) throws ConversionException {
        if (dockerfile.length == 0) {
            throw new ConversionException("the Dockerfile cannot be empty");
        }
        ParsedDockerfile df = parse(new String(dockerfile, StandardCharsets.UTF_8));
        if (df.stages().isEmpty()) {
            throw new ConversionException("dockerfile contains no stages to build");
        }
        List<Platform> targets = options.targetPlatforms().isEmpty() ? Collections.singletonList(null)
                : options.targetPlatforms();
        boolean multi = targets.size() > 1 || options.prefixPlatform();
        List<PlatformConversion> results = new ArrayList<>();
        Set<String> warnings = new LinkedHashSet<>();
        for (Platform target : targets) {
            PlatformConverter.Result r = PlatformConverter.convert(df, options.forPlatform(target, multi));
            results.add(r.conversion());
            warnings.addAll(r.warnings());
        }
        return new Conversion(results, options.llbCaps(), List.copyOf(warnings), multi);
    }

    private static ParsedDockerfile parse(String text) throws ConversionException {
        try {
            // The instruction checks run as each instruction is typed, so the first bad one is reported.
            ParseResult parsed = DockerfileParser.parse(text);
            return InstructionsParser.parse(parsed);
        } catch (DockerfileParseException e) {
            throw new ConversionException(e.reason(), e.startLine(), e.endLine(), e);
        } catch (InstructionException e) {
            throw new ConversionException(e.getMessage(), e.startLine(), e.endLine(), e);
        }
    }
}
