package dev.kiln.dockerfile.ignore;

import dev.kiln.llb.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code .dockerignore} into exclude patterns for the build context (Docker's
 * {@code dockerignore.ReadAll}): one pattern a line, {@code #} comments, blanks trimmed, paths
 * cleaned and made relative; a leading {@code !} (an exception) is kept.
 */
public final class DockerIgnore {

    private DockerIgnore() {}

    public static List<String> parse(String text) {
        List<String> patterns = new ArrayList<>();
        boolean first = true;
        for (String raw : text.split("\n", -1)) {
            String line = first && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
            first = false;
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.startsWith("!");
            if (invert) {
                pattern = pattern.substring(1).strip();
            }
            if (!pattern.isEmpty()) {
                pattern = Paths.clean(pattern);
                if (pattern.length() > 1 && pattern.startsWith("/")) {
                    pattern = pattern.substring(1);
                }
            }
            patterns.add(invert ? "!" + pattern : pattern);
        }
        return patterns;
    }
}
