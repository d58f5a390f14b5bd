package dev.kiln.dockerfile.instructions;

import java.util.List;

/** The sources and destination of a COPY or ADD. */
public record SourcesAndDest(List<String> sourcePaths, List<SourceContent> sourceContents, String destPath) {

    public SourcesAndDest {
        sourcePaths = List.copyOf(sourcePaths);
        sourceContents = List.copyOf(sourceContents);
    }
}
