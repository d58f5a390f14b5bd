package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}).
 * They count only before the first line that is not a directive: any instruction,
 * ordinary comment or unknown key ends the directive section.
 */
final class DirectiveScanner {

    private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");
    private static final Pattern DIRECTIVE =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*", Pattern.DOTALL);

    private final List<Directive> directives = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean done;
    private char escapeToken = '\\';

    /** Examines a line (line ending removed); a directive is recorded, anything else ends the section. */
    void examine(String line, int lineNumber) throws DockerfileParseException {
        if (done) {
            return;
        }
        Matcher m = line.startsWith("#") ? DIRECTIVE.matcher(Text.trimLeadingSpace(line.substring(1))) : null;
        if (m == null || !m.matches() || !KNOWN.contains(m.group(1).toLowerCase(Locale.ROOT))) {
            done = true;
            return;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (!seen.add(name)) {
            throw new DockerfileParseException("only one " + name + " parser directive can be used", lineNumber);
        }
        String value = m.group(2);
        if (name.equals("escape")) {
            if (!value.equals("`") && !value.equals("\\")) {
                throw new DockerfileParseException(
                        "invalid escape token '" + value + "' does not match ` or \\", lineNumber);
            }
            escapeToken = value.charAt(0);
        }
        directives.add(new Directive(name, value, lineNumber));
    }

    char escapeToken() {
        return escapeToken;
    }

    List<Directive> directives() {
        return List.copyOf(directives);
    }
}
