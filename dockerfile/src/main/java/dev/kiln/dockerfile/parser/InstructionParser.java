package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.List;
import java.util.Locale;

/** Turns one logical line (continuations joined) into a {@link Node}, without line numbers. */
final class InstructionParser {

    private final char escape;

    InstructionParser(char escape) {
        this.escape = escape;
    }

    Node parse(String line, List<String> comments) throws InstructionSyntaxException {
        String[] nameAndRest = NameValueParser.BLANKS.split(Text.trimSpace(line), 2);
        String name = nameAndRest[0];
        List<String> flags = List.of();
        String rest = "";
        if (nameAndRest.length == 2) {
            BuilderFlags.Split split = BuilderFlags.extract(nameAndRest[1]);
            flags = split.flags();
            rest = Text.trimSpace(split.rest());
        }
        ParsedArguments parsed = arguments(name.toLowerCase(Locale.ROOT), rest);
        return new Node(name, flags, parsed.arguments(), parsed.json(), List.of(), line, comments, 0, 0);
    }

    private ParsedArguments arguments(String command, String rest) throws InstructionSyntaxException {
        return switch (command) {
            case "add", "copy", "volume" -> ArgumentParsers.jsonOrWords(rest);
            case "cmd", "entrypoint", "run", "shell" -> ArgumentParsers.jsonOrShell(rest);
            case "expose", "from" -> ArgumentParsers.blankSeparated(rest);
            case "maintainer", "stopsignal", "user", "workdir" -> ArgumentParsers.wholeRest(rest);
            case "healthcheck" -> ArgumentParsers.healthcheck(rest);
            case "env" -> NameValueParser.nameValues(rest, "ENV", escape);
            case "label" -> NameValueParser.nameValues(rest, "LABEL", escape);
            case "arg" -> NameValueParser.namesOrNameValues(rest, escape);
            case "onbuild" -> trigger(rest);
            // Unknown instructions parse, with one empty argument (like BuildKit); validation rejects them.
            default -> ParsedArguments.words(List.of(""));
        };
    }

    private ParsedArguments trigger(String rest) throws InstructionSyntaxException {
        if (rest.isEmpty()) {
            return ParsedArguments.NONE;
        }
        // Which triggers are allowed is checked with the instruction (InstructionRules), as BuildKit does.
        Node trigger = parse(rest, List.of());
        return new ParsedArguments(List.of(new Argument.Nested(trigger)), false);
    }
}
