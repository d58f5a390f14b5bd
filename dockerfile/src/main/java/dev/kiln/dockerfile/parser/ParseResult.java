package dev.kiln.dockerfile.parser;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed Dockerfile.
 *
 * @param instructions the top-level instructions in file order
 * @param escapeToken  the escape character in effect ({@code \} or {@code `})
 * @param directives   parser directives found at the top of the file
 * @param warnings     non-fatal findings, e.g. empty continuation lines
 */
public record ParseResult(List<Node> instructions, char escapeToken, List<Directive> directives, List<String> warnings) {

    public ParseResult {
        instructions = List.copyOf(instructions);
        directives = List.copyOf(directives);
        warnings = List.copyOf(warnings);
    }

    /** The directive with the given (lower-case) name, if present. */
    public Optional<Directive> directive(String name) {
        return directives.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Every instruction dumped on its own line, as in BuildKit's parser test results. */
    public String dump() {
        return instructions.stream().map(Node::dump).collect(Collectors.joining("\n", "", "\n"));
    }
}
